using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;

namespace Workflows.Engine.Runtime;

/// <summary>
/// How a confidential task's submission is kept (<c>wf:confidential</c>): each value as <c>{"$sealed": "base64"}</c>, the
/// protector's output over the instance id, the variable's name and the value's JSON, so that a sealed value copied to
/// another instance or another name opens to nothing. Service tasks get the values in clear; everything else that reads
/// variables (the variables API, notifications, expressions) sees only the sealed form.
/// </summary>
public static class SealedValues
{
    /// <summary>The one property of a sealed value; reserved: a value given from outside may not contain it.</summary>
    public const string Marker = "$sealed";

    private sealed record Envelope(Guid Instance, string Name, JsonNode? Value);

    public static bool IsSealed(JsonNode? node) =>
        node is JsonObject { Count: 1 } o && o.TryGetPropertyValue(Marker, out var text) && text is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    internal static JsonObject Seal(IConfidentialDataProtector protector, Guid instanceId, string name, JsonNode? value)
    {
        var plain = JsonSerializer.SerializeToUtf8Bytes(new Envelope(instanceId, name, value?.DeepClone()), EngineJson.Options);
        return new JsonObject { [Marker] = Convert.ToBase64String(protector.Protect(plain)) };
    }

    /// <summary>Opens, in place, every sealed value of <paramref name="variables"/> (a copy), at any depth, that was sealed
    /// for this instance under the name it is found at; one that was not (copied, changed, another key) becomes null.</summary>
    internal static void OpenAll(IConfidentialDataProtector protector, Guid instanceId, JsonObject variables)
    {
        foreach (var (name, value) in variables.ToList())
        {
            if (IsSealed(value)) variables[name] = Open(protector, instanceId, name, value!);
            else OpenWithin(protector, instanceId, value);
        }
    }

    private static void OpenWithin(IConfidentialDataProtector protector, Guid instanceId, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                OpenAll(protector, instanceId, o);
                break;
            case JsonArray a:
                foreach (var item in a) OpenWithin(protector, instanceId, item);
                break;
        }
    }

    private static JsonNode? Open(IConfidentialDataProtector protector, Guid instanceId, string name, JsonNode sealedValue)
    {
        try
        {
            var data = protector.Unprotect(Convert.FromBase64String(sealedValue[Marker]!.GetValue<string>()));
            var envelope = JsonSerializer.Deserialize<Envelope>(data, EngineJson.Options);
            return envelope is not null && envelope.Instance == instanceId && envelope.Name == name ? envelope.Value : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Refuses a value given from outside (a form, a start request, a message) that carries the reserved
    /// property: nobody hands the engine a sealed value to open.</summary>
    internal static void RefuseFromOutside(JsonObject? input)
    {
        if (input is null) return;
        if (FindMarker(input) is { } path)
            throw new InvalidOperationWorkflowException($"Refused: '{path}' holds the reserved property '{Marker}'.");
    }

    private static string? FindMarker(JsonNode? node, string path = "")
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    var here = path.Length == 0 ? key : $"{path}.{key}";
                    if (key == Marker) return here;
                    if (FindMarker(value, here) is { } found) return found;
                }
                return null;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    if (FindMarker(a[i], $"{path}[{i}]") is { } found) return found;
                return null;
            default:
                return null;
        }
    }
}

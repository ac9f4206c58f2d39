using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.Engine.Runtime;

/// <summary>
/// How <see cref="TaskQuery.Variables"/> compares a variable with the text of a filter, in one place for every store.
/// A database store matches the instance's stored state (JSON written with <see cref="EngineJson.Options"/>) against
/// <see cref="JsonFragments"/>: the pair <c>"name":value</c> as it is serialized, so it holds for a variable of that name
/// and value in the instance or one of its scopes (a multi-instance body's own variables count too).
/// </summary>
public static class TaskVariableFilter
{
    /// <summary>The serialized forms of name = value: as a string, and as a number or boolean when the text is one.</summary>
    public static IReadOnlyList<string> JsonFragments(string name, string value)
    {
        var key = JsonSerializer.Serialize(name, EngineJson.Options) + ":";
        var fragments = new List<string> { key + JsonSerializer.Serialize(value, EngineJson.Options) };
        if (value is "true" or "false") fragments.Add(key + value);
        else if (decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _) && !value.StartsWith('+'))
            fragments.Add(key + value);
        return fragments;
    }

    /// <summary>Whether a variable's value matches the text (the in-memory store's reading of the same rule).</summary>
    public static bool Matches(JsonNode? variable, string value) => variable switch
    {
        null => false,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>() == value,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number => v.ToJsonString() == value,
        _ => false,
    };
}

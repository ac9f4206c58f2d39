using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowHost.Forms;

/// <summary>
/// A task form as form-js writes it (<c>{"components": [...]}</c>), reduced to the fields that submit a value.
/// Groups and dynamic lists are walked into; display-only components (text, image, spacer, separator, button)
/// submit nothing and are left out.
/// </summary>
public sealed class FormSchema
{
    private static readonly HashSet<string> DisplayOnly = new(StringComparer.OrdinalIgnoreCase)
        { "text", "html", "image", "spacer", "separator", "button", "iframe", "table", "documentPreview" };

    private FormSchema(string? id, IReadOnlyList<FormField> fields)
    {
        Id = id;
        Fields = fields;
    }

    public string? Id { get; }
    public IReadOnlyList<FormField> Fields { get; }

    /// <summary>Reads a form-js schema; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static FormSchema Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new FormatException($"The form is not valid JSON: {e.Message}", e);
        }
        if (root is not JsonObject form || form["components"] is not JsonArray components)
            throw new FormatException("A form-js schema is an object with a \"components\" array.");
        var fields = new List<FormField>();
        Collect(components, fields);
        return new FormSchema(form["id"]?.GetValue<string>(), fields);
    }

    private static void Collect(JsonArray components, List<FormField> fields)
    {
        foreach (var node in components)
        {
            if (node is not JsonObject c) continue;
            var type = c["type"]?.GetValue<string>() ?? "";
            if (c["components"] is JsonArray nested)
            {
                Collect(nested, fields); // group, dynamiclist
                continue;
            }
            if (DisplayOnly.Contains(type) || c["key"]?.GetValue<string>() is not { Length: > 0 } key) continue;
            var validate = c["validate"] as JsonObject;
            var options = c["values"] is JsonArray values
                ? values.Select(v => v is JsonObject o ? o["value"]?.DeepClone() : v?.DeepClone()).ToList()
                : null;
            fields.Add(new FormField(key, type, c["label"]?.GetValue<string>(),
                Bool(validate?["required"]), Number(validate?["min"]), Number(validate?["max"]),
                (int?)Number(validate?["minLength"]), (int?)Number(validate?["maxLength"]),
                validate?["pattern"]?.GetValue<string>(), options,
                c["subtype"]?.GetValue<string>()));
        }
    }

    private static bool Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static double? Number(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        JsonValue v when v.TryGetValue<string>(out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) => p,
        _ => null,
    };
}

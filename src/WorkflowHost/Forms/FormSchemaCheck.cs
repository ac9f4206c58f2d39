using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowHost.Forms;

/// <summary>
/// What the server demands of a form before it is published: parseable by <see cref="FormSchema"/>, every component
/// of a type the server's data check understands, every input with a key, ids and keys unique. Problems are keyed by
/// the component's path in the schema (<c>components[2].key</c>), as the API's 400 answers name fields.
/// </summary>
public static class FormSchemaCheck
{
    /// <summary>Inputs whose submitted value <see cref="FormDataValidator"/> checks.</summary>
    public static readonly IReadOnlySet<string> InputTypes = new HashSet<string>(StringComparer.Ordinal)
        { "textfield", "textarea", "number", "checkbox", "select", "radio", "checklist", "taglist", "datetime" };

    /// <summary>Components that show something and submit nothing.</summary>
    public static readonly IReadOnlySet<string> DisplayTypes = new HashSet<string>(StringComparer.Ordinal)
        { "text", "html", "image", "spacer", "separator", "button", "iframe", "table", "documentPreview" };

    /// <summary>Containers whose components are walked into.</summary>
    public static readonly IReadOnlySet<string> ContainerTypes = new HashSet<string>(StringComparer.Ordinal) { "group", "dynamiclist" };

    public const int MaxSchemaChars = 512 * 1024;

    public static Dictionary<string, string[]> Check(string? json)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }

        if (string.IsNullOrWhiteSpace(json)) Add("schema", "A form-js schema (a JSON object with a \"components\" array) is required.");
        else if (json.Length > MaxSchemaChars) Add("schema", $"A form has at most {MaxSchemaChars / 1024} KB.");
        else
        {
            try
            {
                FormSchema.Parse(json);
                var root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
                var ids = new Dictionary<string, string>(StringComparer.Ordinal);
                var keys = new Dictionary<string, string>(StringComparer.Ordinal);
                if (root["id"] is JsonValue formId && formId.TryGetValue<string>(out var id)) ids[id] = "id";
                Walk(root["components"]!.AsArray(), "components", ids, keys, Add);
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or JsonException)
            {
                Add("schema", e.Message);
            }
        }
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    private static void Walk(JsonArray components, string path, Dictionary<string, string> ids, Dictionary<string, string> keys, Action<string, string> add)
    {
        for (var i = 0; i < components.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (components[i] is not JsonObject c)
            {
                add(at, "A component is a JSON object.");
                continue;
            }
            var type = Text(c["type"]);
            if (type is null)
            {
                add($"{at}.type", "Every component has a type.");
                continue;
            }
            if (!InputTypes.Contains(type) && !DisplayTypes.Contains(type) && !ContainerTypes.Contains(type))
                add($"{at}.type", $"The server cannot check a '{type}' field; use one of: {string.Join(", ", InputTypes.Concat(DisplayTypes).Concat(ContainerTypes).Order(StringComparer.Ordinal))}.");
            if (Text(c["id"]) is { } id)
            {
                if (ids.TryGetValue(id, out var first)) add($"{at}.id", $"The id '{id}' is used twice (also at {first}).");
                else ids[id] = at;
            }
            if (InputTypes.Contains(type))
            {
                if (Text(c["key"]) is not { Length: > 0 } key) add($"{at}.key", $"A '{type}' field needs a key (the variable it fills).");
                else if (keys.TryGetValue(key, out var first)) add($"{at}.key", $"The key '{key}' is used twice (also at {first}).");
                else keys[key] = at;
            }
            if (c["components"] is JsonArray nested) Walk(nested, $"{at}.components", ids, keys, add);
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowHost.Forms;

/// <summary>
/// A task form in the reader's language. A form-js schema holds one language (English, which other modelers show);
/// the other languages sit beside it in the schema's <c>labels</c> object, one text map per language:
/// <code>"labels": { "zh-CN": { "vote": "表决", "vote.values.approve": "同意", "vote.description": "…", "form_title": "## 委员会审议" } }</code>
/// An input is named by its key: <c>key</c> is its label (a date field's date and time labels too),
/// <c>key.description</c>, <c>key.placeholder</c>, <c>key.patternErrorMessage</c> and <c>key.values.&lt;value&gt;</c>
/// (an option's label; booleans as true/false). Any other component (text, heading, group) is named by its id.
/// The field keys and option values never change, so the data submitted is the same in every language.
/// </summary>
public static class FormTranslation
{
    /// <summary>The schema with the texts of <paramref name="language"/> (a culture name such as zh-CN) where it has them; English otherwise.</summary>
    public static string Localize(string json, string language)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException)
        {
            return json; // the completion check reports a broken form; the page shows it as it is
        }
        if (root is not JsonObject form || TextsOf(form, language) is not { } texts) return json;
        foreach (var text in Texts(form))
            if (texts[text.Name] is JsonValue v && v.TryGetValue<string>(out var translated) && translated.Length > 0)
                text.Set(translated);
        return form.ToJsonString();
    }

    /// <summary>Every English text of a form a user reads, named as the <c>labels</c> maps name it.</summary>
    public static IReadOnlyList<FormText> Texts(JsonObject form)
    {
        var texts = new List<FormText>();
        if (form["components"] is JsonArray components) Collect(components, texts);
        return texts;
    }

    /// <summary>The names of the form's English texts that have no text in <paramref name="language"/>.</summary>
    public static IReadOnlyList<string> Missing(JsonObject form, string language)
    {
        var texts = TextsOf(form, language);
        return Texts(form).Select(t => t.Name).Distinct(StringComparer.Ordinal)
            .Where(name => texts?[name] is not JsonValue v || !v.TryGetValue<string>(out var s) || string.IsNullOrWhiteSpace(s))
            .ToList();
    }

    /// <summary>The text map of a language: an exact match (zh-CN), else one of the same language (zh, zh-CN for zh-Hans).</summary>
    public static JsonObject? TextsOf(JsonObject form, string language)
    {
        if (form["labels"] is not JsonObject labels || string.IsNullOrEmpty(language)) return null;
        var maps = labels.Where(l => l.Value is JsonObject).Select(l => (Name: l.Key, Texts: (JsonObject)l.Value!)).ToList();
        return maps.FirstOrDefault(m => string.Equals(m.Name, language, StringComparison.OrdinalIgnoreCase)).Texts
               ?? maps.FirstOrDefault(m => string.Equals(Primary(m.Name), Primary(language), StringComparison.OrdinalIgnoreCase)).Texts;
    }

    private static string Primary(string language) => language.Split('-')[0];

    private static void Collect(JsonArray components, List<FormText> texts)
    {
        foreach (var node in components)
        {
            if (node is not JsonObject c) continue;
            var key = Str(c["key"]);
            var name = key ?? Str(c["id"]);
            if (name is not null)
            {
                if (key is null) Add(texts, c, "text", name);
                Add(texts, c, "label", name);
                Add(texts, c, "dateLabel", name);
                Add(texts, c, "timeLabel", name);
                Add(texts, c, "description", name + ".description");
                Add(texts, c, "placeholder", name + ".placeholder");
                if (c["validate"] is JsonObject validate) Add(texts, validate, "patternErrorMessage", name + ".patternErrorMessage");
                if (c["values"] is JsonArray values)
                    foreach (var option in values.OfType<JsonObject>())
                        if (option["value"] is JsonValue value)
                            Add(texts, option, "label", $"{name}.values.{ValueName(value)}");
            }
            if (c["components"] is JsonArray nested) Collect(nested, texts);
        }
    }

    private static void Add(List<FormText> texts, JsonObject owner, string property, string name)
    {
        if (Str(owner[property]) is { Length: > 0 } english) texts.Add(new FormText(name, english, owner, property));
    }

    private static string ValueName(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.String => value.GetValue<string>(),
        _ => value.ToJsonString(),
    };

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TechTransfer.Common;
using WorkflowHost.Localization;

namespace WorkflowHost.Forms;

/// <summary>
/// Checks submitted task data against the task's form on the server, never trusting the browser: required
/// fields, the JSON type each component submits, numeric ranges, text lengths and patterns, the options of
/// selects and radios; keys the form does not have are refused. Errors are keyed "variables.&lt;key&gt;". Text is also
/// held to <see cref="DefaultMaxTextLength"/> where the form sets no length, and to the product's character rules
/// (<see cref="TextRules"/>: no NUL or control character, no bidirectional override; a one-line textfield has no line break).
/// </summary>
public static class FormDataValidator
{
    /// <summary>The longest text a form field takes when the form itself sets no maximum.</summary>
    public const int DefaultMaxTextLength = 20_000;

    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(200);

    public static Dictionary<string, string[]> Validate(FormSchema form, JsonObject data, bool requireAll = true)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string key, string message)
        {
            if (!errors.TryGetValue("variables." + key, out var list)) errors["variables." + key] = list = new();
            list.Add(message);
        }

        var known = form.Fields.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, _) in data)
            if (!known.Contains(key))
                Add(key, Text("Form_UnknownField", key, string.Join(", ", known.Order(StringComparer.Ordinal))));

        foreach (var field in form.Fields)
        {
            var present = data.TryGetPropertyValue(field.Key, out var value) && value is not null;
            if (!present || value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0)
            {
                if (requireAll && field.Required) Add(field.Key, Text("Form_Required", Name(field)));
                continue;
            }
            foreach (var problem in Check(field, value!)) Add(field.Key, problem);
        }
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The field as the reader knows it: its label (in the reader's language when the form was read in it), else its key.</summary>
    private static string Name(FormField field) => field.Label is { Length: > 0 } label ? label : field.Key;

    /// <summary>A message in the current UI culture (ProblemText's <c>Form_*</c>; English for the invariant culture).</summary>
    private static string Text(string name, params object[] args) => ProblemMessages.Sentence(name, args);

    private static IEnumerable<string> Check(FormField field, JsonNode value)
    {
        switch (field.Type.ToLowerInvariant())
        {
            case "number":
                if (!IsNumber(value, out var number))
                {
                    yield return Text("Form_Number", Name(field));
                    yield break;
                }
                if (field.Min is { } min && number < min) yield return Text("Form_Min", Name(field), min.ToString(CultureInfo.InvariantCulture));
                if (field.Max is { } max && number > max) yield return Text("Form_Max", Name(field), max.ToString(CultureInfo.InvariantCulture));
                break;
            case "checkbox":
                if (value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False)) yield return Text("Form_Boolean", Name(field));
                break;
            case "select":
            case "radio":
                if (value is not JsonValue)
                {
                    yield return Text("Form_Single", Name(field));
                    yield break;
                }
                if (field.Options is { } options && !options.Any(o => JsonNode.DeepEquals(o, value)))
                    yield return Text("Form_OneOf", Name(field), string.Join(", ", options.Select(o => o?.ToJsonString())));
                break;
            case "checklist":
            case "taglist":
                if (value is not JsonArray items)
                {
                    yield return Text("Form_List", Name(field));
                    yield break;
                }
                if (field.Options is { } allowed)
                    foreach (var item in items.Where(i => !allowed.Any(o => JsonNode.DeepEquals(o, i))))
                        yield return Text("Form_NotAllowed", Name(field), item?.ToJsonString() ?? "null", string.Join(", ", allowed.Select(o => o?.ToJsonString())));
                break;
            case "datetime":
                if (!IsText(value, out var text) || !IsDateTime(text, field.Subtype))
                    yield return Text("Form_Date", Name(field), (field.Subtype ?? "datetime").ToLowerInvariant(), Example(field.Subtype));
                break;
            default: // textfield, textarea and anything text-like
                if (!IsText(value, out var s))
                {
                    yield return Text("Form_Text", Name(field));
                    yield break;
                }
                if (field.MinLength is { } minLength && s.Length < minLength) yield return Text("Form_MinLength", Name(field), minLength);
                if (field.MaxLength is { } maxLength && s.Length > maxLength) yield return Text("Form_MaxLength", Name(field), maxLength);
                else if (field.MaxLength is null && s.Length > DefaultMaxTextLength)
                    yield return Text("Form_MaxLength", Name(field), DefaultMaxTextLength);
                if (TextRules.Problem(s, field.Label is { Length: > 0 } label ? label : field.Key, int.MaxValue,
                        singleLine: field.Type.Equals("textfield", StringComparison.OrdinalIgnoreCase)) is { } bad)
                    yield return bad.Message;
                if (field.Pattern is { Length: > 0 } pattern && !Matches(s, pattern)) yield return Text("Form_Pattern", Name(field), pattern);
                break;
        }
    }

    private static bool IsNumber(JsonNode value, out double number)
    {
        number = 0;
        return value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out number);
    }

    private static bool IsText(JsonNode value, out string text)
    {
        text = "";
        return value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.TryGetValue(out text!);
    }

    private static bool IsDateTime(string text, string? subtype) => subtype?.ToLowerInvariant() switch
    {
        "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "time" => TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss", "HH:mmK", "HH:mm:ssK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                  || DateTimeOffset.TryParseExact("2000-01-01T" + text, ["yyyy-MM-ddTHH:mmK", "yyyy-MM-ddTHH:mm:ssK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        _ => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _) && text.Contains('T'),
    };

    private static string Example(string? subtype) => subtype?.ToLowerInvariant() switch
    {
        "date" => "2026-12-01",
        "time" => "09:30",
        _ => "2026-12-01T09:30:00+08:00",
    };

    private static bool Matches(string text, string pattern)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, PatternTimeout);
        }
        catch (Exception e) when (e is ArgumentException or RegexMatchTimeoutException)
        {
            return false; // a broken or runaway pattern accepts nothing rather than everything
        }
    }
}

using System.Text.Json.Nodes;
using WorkflowHost.Forms;

namespace WorkflowHost.Tests.Forms;

public sealed class FormDataValidatorTests
{
    private static readonly FormSchema Form = FormSchema.Parse("""
        {
          "components": [
            { "key": "title", "type": "textfield", "label": "Title", "validate": { "required": true, "minLength": 3, "maxLength": 10, "pattern": "^[A-Z]" } },
            { "key": "share", "type": "number", "label": "Share", "validate": { "min": 0, "max": 100 } },
            { "key": "agree", "type": "checkbox", "label": "I agree" },
            { "key": "kind", "type": "radio", "label": "Kind", "values": [ { "label": "A", "value": "a" }, { "label": "One", "value": 1 } ] },
            { "key": "fields", "type": "checklist", "values": [ { "label": "X", "value": "x" }, { "label": "Y", "value": "y" } ] },
            { "key": "filedOn", "type": "datetime", "subtype": "date", "label": "Filed on" },
            { "key": "meetsAt", "type": "datetime", "subtype": "datetime" },
            { "type": "group", "components": [ { "key": "note", "type": "textarea" } ] },
            { "type": "text", "text": "display only" },
            { "key": "submit", "type": "button", "action": "submit" }
          ]
        }
        """);

    private static Dictionary<string, string[]> Check(string json, bool requireAll = true) =>
        FormDataValidator.Validate(Form, JsonNode.Parse(json)!.AsObject(), requireAll);

    [Fact]
    public void Fields_of_groups_are_read_and_display_components_are_not()
    {
        Assert.Equal(["title", "share", "agree", "kind", "fields", "filedOn", "meetsAt", "note"], Form.Fields.Select(f => f.Key).ToArray());
        Assert.True(Form.Fields[0].Required);
        Assert.Equal(100, Form.Fields[1].Max);
    }

    [Fact]
    public void Valid_data_passes()
    {
        Assert.Empty(Check("""
            {"title":"Sensor","share":12.5,"agree":true,"kind":1,"fields":["x","y"],"filedOn":"2026-12-01","meetsAt":"2026-12-01T09:30:00+08:00","note":"n"}
            """));
        Assert.Empty(Check("""{"title":"Sensor","share":null}"""));
    }

    [Fact]
    public void Each_wrong_field_is_named_with_what_is_wrong()
    {
        var errors = Check("""
            {"share":"12","agree":"yes","kind":"b","fields":["z"],"filedOn":"01/12/2026","meetsAt":"tomorrow","note":5,"colour":"red"}
            """);
        Assert.Contains("required", errors["variables.title"][0]);
        Assert.Contains("number", errors["variables.share"][0]);
        Assert.Contains("true or false", errors["variables.agree"][0]);
        Assert.Contains("one of", errors["variables.kind"][0]);
        Assert.Contains("\"z\"", errors["variables.fields"][0]);
        Assert.Contains("date", errors["variables.filedOn"][0]);
        Assert.Contains("datetime", errors["variables.meetsAt"][0]);
        Assert.Contains("text", errors["variables.note"][0]);
        Assert.Contains("no field 'colour'", errors["variables.colour"][0]);
    }

    [Fact]
    public void Ranges_lengths_and_patterns_are_checked()
    {
        var errors = Check("""{"title":"ab","share":101}""");
        Assert.Contains("at least 3", errors["variables.title"][0]);
        Assert.Contains("pattern", errors["variables.title"][1]);
        Assert.Contains("at most 100", errors["variables.share"][0]);
        Assert.Contains("at most 10", Check("""{"title":"Abcdefghijk"}""")["variables.title"][0]);
        Assert.Contains("at least 0", Check("""{"title":"Abc","share":-1}""")["variables.share"][0]);
    }

    [Fact]
    public void Without_requiring_all_only_given_fields_are_checked()
    {
        Assert.Empty(Check("""{"share":5}""", requireAll: false));
        Assert.NotEmpty(Check("""{"share":500}""", requireAll: false));
    }

    [Fact]
    public void A_form_that_is_not_a_form_js_schema_is_refused_clearly()
    {
        Assert.Contains("components", Assert.Throws<FormatException>(() => FormSchema.Parse("""{"fields":[]}""")).Message);
        Assert.Contains("JSON", Assert.Throws<FormatException>(() => FormSchema.Parse("{")).Message);
    }

    [Fact]
    public async Task Form_keys_that_would_leave_the_forms_folder_have_no_form()
    {
        var folder = Path.Combine(Path.GetTempPath(), "wf-forms-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "review.form.json"), """{"components":[]}""");
        await File.WriteAllTextAsync(Path.Combine(Path.GetDirectoryName(folder)!, "secret.form.json"), """{"components":[]}""");
        var catalog = new FormCatalog(folder);
        Assert.NotNull(await catalog.FindAsync("review", default));
        Assert.NotNull(await catalog.FindAsync("camunda-forms:deployment:review.form", default));
        Assert.Null(await catalog.FindAsync("../secret", default));
        Assert.Null(await catalog.FindAsync("/etc/passwd", default));
        Assert.Null(await catalog.FindAsync("missing", default));
        Assert.Null(await catalog.FindAsync(null, default));
    }

    [Fact]
    public void Text_with_a_control_character_or_a_bidi_override_and_a_textfield_with_a_line_break_are_refused()
    {
        string Text(string value) => System.Text.Json.JsonSerializer.Serialize(value);
        Assert.Contains("variables.note", Check($$"""{"title":"Sensor","note":{{Text("a\u202Eb")}}}"""));
        Assert.Contains("variables.note", Check($$"""{"title":"Sensor","note":{{Text("a\0b")}}}"""));
        Assert.Contains("variables.title", Check($$"""{"title":{{Text("Sen\nsor")}}}"""));
        Assert.Empty(Check($$"""{"title":"Sensor","note":{{Text("two\nparagraphs\ttabbed")}}}""")); // a textarea has lines
    }

    [Fact]
    public void Text_without_a_length_of_its_form_is_held_to_the_default_maximum()
    {
        Assert.Empty(Check($$"""{"title":"Sensor","note":"{{new string('n', FormDataValidator.DefaultMaxTextLength)}}"}"""));
        Assert.Contains("variables.note", Check($$"""{"title":"Sensor","note":"{{new string('n', FormDataValidator.DefaultMaxTextLength + 1)}}"}"""));
    }
}

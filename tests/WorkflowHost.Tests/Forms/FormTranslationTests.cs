using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WorkflowHost.Forms;

namespace WorkflowHost.Tests.Forms;

public sealed partial class FormTranslationTests
{
    private static string FormsFolder => Path.Combine(HostFactory.RepositoryRoot, "workflows", "forms");

    public static TheoryData<string> ShippedForms
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var key in new FormCatalog(FormsFolder).ShippedKeys()) data.Add(key);
            return data;
        }
    }

    private static JsonObject Shipped(string key) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(FormsFolder, key + ".form.json")))!.AsObject();

    private static IEnumerable<(string Name, string Text)> ChineseTexts(JsonObject form) =>
        FormTranslation.TextsOf(form, "zh-CN") is { } map
            ? map.Select(e => (e.Key, e.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : ""))
            : [];

    [Theory, MemberData(nameof(ShippedForms))]
    public void Every_shipped_form_has_a_Chinese_text_for_each_English_one(string key)
    {
        var form = Shipped(key);
        Assert.Empty(FormTranslation.Missing(form, "zh-CN"));
        // Each Chinese text is Chinese (not an English text copied over) and names something the form still has.
        var names = FormTranslation.Texts(form).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, text) in ChineseTexts(form))
        {
            Assert.True(names.Contains(name), $"{key}: the Chinese text '{name}' names no label, option or text of the form.");
            Assert.True(Han().IsMatch(text), $"{key}: '{name}' is not in Chinese: {text}");
        }
    }

    [Theory, MemberData(nameof(ShippedForms))]
    public void No_shipped_form_shows_a_configuration_key_or_an_internal_value(string key)
    {
        var form = Shipped(key);
        var texts = FormTranslation.Texts(form).Select(t => (t.Name, Text: t.English)).Concat(ChineseTexts(form));
        foreach (var (name, text) in texts)
        {
            Assert.False(ConfigurationKey().IsMatch(text), $"{key}: '{name}' shows a configuration key: {text}");
            // A template may show a name, a price or a date; never an id or a list of field keys.
            Assert.False(InternalTemplate().IsMatch(text), $"{key}: '{name}' shows an internal value: {text}");
        }
    }

    [Theory, MemberData(nameof(ShippedForms))]
    public void Shipped_forms_use_the_office_terms_not_the_ones_it_rejects(string key)
    {
        // doc: ../shared/DOMAIN.md, "Terms a Chinese office uses", the "not" column.
        foreach (var (name, text) in ChineseTexts(Shipped(key)))
            foreach (var word in Localization.OfficeTerms.In(text))
                Assert.Fail($"{key}: '{name}' says {word}: {text}");
    }

    [Fact]
    public void A_form_reads_in_Chinese_where_it_has_Chinese_and_in_English_otherwise()
    {
        const string json = """
            {
              "components": [
                { "type": "text", "id": "heading", "text": "## Vote" },
                { "key": "vote", "type": "radio", "label": "Vote", "description": "Secret until the chair closes the vote.",
                  "values": [ { "label": "Approve", "value": "approve" }, { "label": "Reject", "value": "reject" } ] },
                { "key": "reconvene", "type": "radio", "label": "Next step", "values": [ { "label": "Reconvene", "value": true } ] },
                { "type": "group", "id": "more", "label": "More", "components": [
                  { "key": "signedOn", "type": "datetime", "subtype": "date", "dateLabel": "Signed on", "validate": { "pattern": "x", "patternErrorMessage": "Bad date." } },
                  { "key": "note", "type": "textfield", "label": "Note" } ] }
              ],
              "labels": { "zh-CN": {
                "heading": "## 表决", "vote": "表决", "vote.description": "主任委员结束表决前保密。",
                "vote.values.approve": "同意", "vote.values.reject": "不同意", "reconvene.values.true": "重新召集",
                "more": "更多", "signedOn": "签订日期", "signedOn.patternErrorMessage": "日期有误。" } }
            }
            """;
        var zh = JsonNode.Parse(FormTranslation.Localize(json, "zh-CN"))!;
        var c = zh["components"]!.AsArray();
        Assert.Equal("## 表决", (string?)c[0]!["text"]);
        Assert.Equal("表决", (string?)c[1]!["label"]);
        Assert.Equal("主任委员结束表决前保密。", (string?)c[1]!["description"]);
        Assert.Equal(["同意", "不同意"], c[1]!["values"]!.AsArray().Select(v => (string?)v!["label"]));
        Assert.Equal(["approve", "reject"], c[1]!["values"]!.AsArray().Select(v => (string?)v!["value"])); // the data stays the same
        Assert.Equal("重新召集", (string?)c[2]!["values"]![0]!["label"]);
        Assert.Equal("Next step", (string?)c[2]!["label"]); // no Chinese text: the English one stays
        Assert.Equal("更多", (string?)c[3]!["label"]);
        var date = c[3]!["components"]![0]!;
        Assert.Equal("签订日期", (string?)date["dateLabel"]);
        Assert.Equal("日期有误。", (string?)date["validate"]!["patternErrorMessage"]);
        Assert.Equal("signedOn", (string?)date["key"]);
        Assert.Equal(["reconvene", "note"], FormTranslation.Missing(JsonNode.Parse(json)!.AsObject(), "zh-CN"));

        Assert.Equal("表决", (string?)JsonNode.Parse(FormTranslation.Localize(json, "zh"))!["components"]![1]!["label"]); // a parent culture
        Assert.Equal(json, FormTranslation.Localize(json, "en")); // English is the schema itself
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    /// <summary>An options path such as TechTransfer:Revenue:InventorShare.</summary>
    [GeneratedRegex(@"\b[A-Z][A-Za-z]+(:[A-Z][A-Za-z]+)+\b")]
    private static partial Regex ConfigurationKey();

    [GeneratedRegex(@"\{\{\s*(\w*Id|\w*Ids|missingFields)\s*\}\}")]
    private static partial Regex InternalTemplate();
}

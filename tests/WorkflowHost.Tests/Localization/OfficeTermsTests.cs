using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace WorkflowHost.Tests.Localization;

/// <summary>Every Chinese text of the product's resources, email templates and process names uses the office's terms.</summary>
public sealed partial class OfficeTermsTests
{
    public static TheoryData<string> ChineseResources() =>
        [.. Directory.GetFiles(Path.Combine(HostFactory.RepositoryRoot, "src", "WorkflowHost", "Localization"), "*.zh-CN.resx")
            .Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory, MemberData(nameof(ChineseResources))]
    public void Chinese_resources_use_the_office_terms_not_the_ones_it_rejects(string file)
    {
        var path = Path.Combine(HostFactory.RepositoryRoot, "src", "WorkflowHost", "Localization", file);
        var found = XDocument.Load(path).Root!.Elements("data")
            .SelectMany(d => OfficeTerms.In(d.Element("value")?.Value ?? "").Select(word => $"{(string?)d.Attribute("name")} says {word}: {d.Element("value")!.Value}"))
            .ToList();
        Assert.True(found.Count == 0, $"{file}:\n" + string.Join("\n", found));
    }

    [Fact]
    public void Chinese_email_templates_and_process_names_use_the_office_terms()
    {
        var templates = File.ReadAllText(Path.Combine(HostFactory.RepositoryRoot, "src", "WorkflowHost", "Notifications", "EmailTemplateCatalog.cs"));
        var texts = ChineseTemplate().Matches(templates).Select(m => ("EmailTemplateCatalog " + m.Groups[1].Value, m.Value))
            .Concat(Directory.GetFiles(Path.Combine(HostFactory.RepositoryRoot, "workflows"), "*.bpmn")
                .SelectMany(f => ChineseName().Matches(File.ReadAllText(f)).Select(m => (Path.GetFileName(f), m.Groups[1].Value))));
        var found = texts.SelectMany(t => OfficeTerms.In(t.Item2).Select(word => $"{t.Item1} says {word}: {t.Item2}")).ToList();
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public void The_check_names_a_rejected_term() =>
        Assert.Equal(["案号", "赞成"], OfficeTerms.In("案号：INV-1；赞成 2 票；国家知识产权局"));

    [GeneratedRegex("""T\("([a-z-]+)", "zh-CN", [^\n]*""")]
    private static partial Regex ChineseTemplate();

    [GeneratedRegex("""wf:name-zh-CN="([^"]*)""")]
    private static partial Regex ChineseName();
}

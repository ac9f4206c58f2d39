using WorkflowHost.Notifications;

namespace WorkflowHost.Tests.Email;

public sealed class TemplateRendererTests
{
    [Fact]
    public void Values_are_html_encoded_in_the_html_part_only()
    {
        var template = new EmailTemplate("t", "en", "About {{taskName}}", "Task {{taskName}}", "<p>{{taskName}}</p>");
        var rendered = TemplateRenderer.Render(template, new Dictionary<string, string?> { ["taskName"] = "<script>alert(1)</script>" });
        Assert.Equal("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", rendered.Html);
        Assert.Equal("Task <script>alert(1)</script>", rendered.Text);
    }

    [Fact]
    public void Missing_values_render_empty_and_unknown_placeholders_are_reported()
    {
        var template = new EmailTemplate("t", "zh-CN", "{{businessKey}}{{nonsense}}", "{{variables.title}}", "");
        Assert.Equal("", TemplateRenderer.Render(template, new Dictionary<string, string?>()).Subject);
        Assert.Equal(["nonsense"], TemplateRenderer.UnknownPlaceholders(template));
    }

    [Fact]
    public void Every_event_has_a_chinese_and_an_english_template()
    {
        foreach (var key in EmailTemplateCatalog.Defaults.Select(t => t.Key).Distinct())
            foreach (var language in EmailTemplateCatalog.Languages)
                Assert.Contains(EmailTemplateCatalog.Defaults, t => t.Key == key && t.Language == language);
        Assert.All(EmailTemplateCatalog.Defaults, t => Assert.Empty(TemplateRenderer.UnknownPlaceholders(t)));
    }
}

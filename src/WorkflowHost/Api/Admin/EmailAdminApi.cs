using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHost.Notifications;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Admin;

/// <summary>Administrators edit and preview email templates, and see and retry messages that could not be sent.</summary>
public static class EmailAdminApi
{
    public sealed record TemplateBody(string? Subject, string? Text, string? Html);
    public sealed record TemplateView(string Key, string Language, string Subject, string Text, string Html, bool Customised);
    public sealed record PreviewView(string Subject, string Text, string Html);
    public sealed record DeadMessageView(string Id, string To, string Subject, int Attempts, string? LastError);

    public static IEndpointRouteBuilder MapEmailAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/email").RequireAuthorization(Policies.Administrator).WithTags("Email administration");
        group.MapGet("/templates", ListTemplates);
        group.MapGet("/templates/{key}/{language}", GetTemplate);
        group.MapPut("/templates/{key}/{language}", SaveTemplate);
        group.MapPost("/templates/{key}/{language}/preview", Preview);
        group.MapGet("/messages/dead", DeadMessages);
        group.MapPost("/messages/{id}/retry", Retry);
        return app;
    }

    private static async Task<Ok<List<TemplateView>>> ListTemplates(EmailTemplates templates, NotificationDatabase db, CancellationToken ct)
    {
        var customised = await db.QueryAsync("SELECT template_key, language FROM email_templates", r => (r.GetString(0), r.GetString(1)), ct);
        var list = new List<TemplateView>();
        foreach (var d in EmailTemplateCatalog.Defaults)
        {
            var t = (await templates.FindAsync(d.Key, d.Language, ct))!;
            list.Add(new TemplateView(t.Key, t.Language, t.Subject, t.Text, t.Html, customised.Contains((d.Key, d.Language))));
        }
        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<TemplateView>, NotFound, ValidationProblem>> GetTemplate(string key, string language, EmailTemplates templates, CancellationToken ct)
    {
        if (!EmailTemplateCatalog.Languages.Contains(language)) return LanguageProblem(language);
        var t = await templates.FindAsync(key, language, ct);
        return t is null ? TypedResults.NotFound() : TypedResults.Ok(new TemplateView(t.Key, t.Language, t.Subject, t.Text, t.Html, false));
    }

    private static async Task<Results<NoContent, ValidationProblem>> SaveTemplate(string key, string language, TemplateBody body,
        EmailTemplates templates, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (Validate(language, body) is { } problem) return problem;
        var template = new EmailTemplate(key, language, body.Subject!, body.Text!, body.Html!);
        var unknown = await templates.SaveAsync(template, http.User.Identity?.Name ?? "administrator", clock.GetUtcNow(), ct);
        if (unknown.Count > 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["placeholders"] = unknown.Select(u => $"Unknown placeholder {{{{{u}}}}}; known: {string.Join(", ", EmailTemplateCatalog.Placeholders)} and variables.NAME.").ToArray(),
            });
        return TypedResults.NoContent();
    }

    /// <summary>Renders the given (unsaved) template, or the current one, with sample values.</summary>
    private static async Task<Results<Ok<PreviewView>, NotFound, ValidationProblem>> Preview(string key, string language, TemplateBody? body,
        EmailTemplates templates, CancellationToken ct)
    {
        if (!EmailTemplateCatalog.Languages.Contains(language)) return LanguageProblem(language);
        var template = body is { Subject: not null, Text: not null, Html: not null }
            ? new EmailTemplate(key, language, body.Subject, body.Text, body.Html)
            : await templates.FindAsync(key, language, ct);
        if (template is null) return TypedResults.NotFound();
        var zh = language == "zh-CN";
        var sample = new Dictionary<string, string?>
        {
            ["recipientName"] = zh ? "王老师" : "Dr Wang", ["taskName"] = zh ? "审查披露" : "Screen the disclosure",
            ["processName"] = "disclosure_screening", ["businessKey"] = "INV-2026-001", ["dueAt"] = zh ? "2026年12月1日 09:00" : "1 December 2026 09:00",
            ["offset"] = zh ? "3 天" : "3 day(s)", ["link"] = "https://tto.example.edu/tasks/00000000-0000-0000-0000-000000000000",
            ["message"] = zh ? "示例" : "example", ["instanceId"] = "00000000-0000-0000-0000-000000000000",
        };
        var rendered = TemplateRenderer.Render(template, sample);
        return TypedResults.Ok(new PreviewView(rendered.Subject, rendered.Text, rendered.Html));
    }

    private static async Task<Ok<List<DeadMessageView>>> DeadMessages(NotificationDatabase db, CancellationToken ct) =>
        TypedResults.Ok(await db.QueryAsync("SELECT id, to_address, subject, attempts, last_error FROM email_messages WHERE status = @p0 ORDER BY created_at",
            r => new DeadMessageView(r.GetString(0), r.GetString(1), r.GetString(2), Convert.ToInt32(r.GetValue(3)), r.IsDBNull(4) ? null : r.GetString(4)),
            ct, (int)EmailStatus.Dead));

    private static async Task<Results<NoContent, NotFound>> Retry(string id, NotificationDatabase db, TimeProvider clock, CancellationToken ct)
    {
        var n = await db.ExecuteAsync("UPDATE email_messages SET status = @p0, attempts = 0, next_attempt_at = @p1 WHERE id = @p2 AND status = @p3",
            ct, (int)EmailStatus.Pending, clock.GetUtcNow().UtcTicks, id, (int)EmailStatus.Dead);
        return n == 1 ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    private static ValidationProblem? Validate(string language, TemplateBody body)
    {
        var errors = new Dictionary<string, string[]>();
        if (!EmailTemplateCatalog.Languages.Contains(language)) errors["language"] = [$"'{language}' is not zh-CN or en."];
        if (string.IsNullOrWhiteSpace(body.Subject)) errors["subject"] = ["A subject is required."];
        else if (body.Subject.Length > 300) errors["subject"] = ["The subject is longer than 300 characters."];
        if (string.IsNullOrWhiteSpace(body.Text)) errors["text"] = ["A plain-text body is required."];
        if (string.IsNullOrWhiteSpace(body.Html)) errors["html"] = ["An HTML body is required."];
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
    }

    private static ValidationProblem LanguageProblem(string language) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["language"] = [$"'{language}' is not zh-CN or en."] });
}

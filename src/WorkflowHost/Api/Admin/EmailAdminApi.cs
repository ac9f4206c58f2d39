using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WorkflowHost.Notifications;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Admin;

/// <summary>
/// Administrators edit and preview email templates, see and retry emails that could not be sent (one, or all
/// at once by filter), and see and retry notifications that never became email (no contact, a dead outbox message).
/// </summary>
public static partial class EmailAdminApi
{
    /// <summary>The largest template part accepted (the HTML body of a rich template is a few KB).</summary>
    public const int MaxPartLength = 64 * 1024;
    private const int MaxBodyBytes = 4 * MaxPartLength;

    public sealed record TemplateBody(string? Subject, string? Text, string? Html);
    public sealed record TemplateView(string Key, string Language, string Subject, string Text, string Html, bool Customised);
    public sealed record PreviewView(string Subject, string Text, string Html);
    public sealed record EmailView(string Id, string Kind, string To, string Subject, int Attempts, string? LastError, DateTimeOffset CreatedAt);
    public sealed record RetriedView(int Retried);
    public sealed record ProblemView(string Id, string Problem, string EventId, string UserId, string NotificationKind, string InstanceId,
        string Detail, DateTimeOffset CreatedAt);

    public static IEndpointRouteBuilder MapEmailAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin/email").RequireAuthorization(Policies.Administrator).WithTags("Email administration")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/templates", ListTemplates).WithSummary("Every email template in both languages, marked when customised.");
        group.MapGet("/templates/{key}/{language}", GetTemplate).WithSummary("One email template in one language.");
        group.MapPut("/templates/{key}/{language}", SaveTemplate)
            .WithSummary("Save an override of a template (subject, text, html); unknown placeholders are refused.");
        group.MapPost("/templates/{key}/{language}/preview", Preview).WithSummary("Render a template with sample values.");
        group.MapGet("/messages/dead", DeadMessages).WithSummary("Emails that could not be sent, all or by address, kind and creation time.");
        group.MapPost("/messages/dead/retry", RetryDead).WithSummary("Send all dead emails, or those matching the filter, again.");
        group.MapPost("/messages/{id}/retry", Retry).WithSummary("Send one dead email again.");
        group.MapGet("/problems", Problems).WithSummary("Notifications that never became email (no contact, or a dead outbox message).");
        group.MapPost("/problems/{id}/retry", RetryProblem).WithSummary("Dispatch a notification that never became email again.");
        return app;
    }

    private static async Task<Ok<List<TemplateView>>> ListTemplates(EmailTemplates templates, CancellationToken ct)
    {
        var customised = await templates.CustomisedAsync(ct);
        var list = new List<TemplateView>();
        foreach (var d in EmailTemplateCatalog.Defaults)
        {
            var t = (await templates.FindAsync(d.Key, d.Language, ct))!;
            list.Add(new TemplateView(t.Key, t.Language, t.Subject, t.Text, t.Html, customised.Contains((d.Key, d.Language))));
        }
        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<TemplateView>, NotFound<ProblemDetails>, ValidationProblem>> GetTemplate(string key, string language,
        EmailTemplates templates, CancellationToken ct)
    {
        if (CheckTarget(key, language) is { } problem) return problem;
        var t = await templates.FindAsync(key, language, ct);
        if (t is null) return UnknownTemplate(key);
        var customised = await templates.CustomisedAsync(ct);
        return TypedResults.Ok(new TemplateView(t.Key, t.Language, t.Subject, t.Text, t.Html, customised.Contains((key, language))));
    }

    private static async Task<IResult> SaveTemplate(string key, string language, HttpRequest request,
        EmailTemplates templates, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var target = CheckTarget(key, language);
        if (target is null && EmailTemplateCatalog.Default(key, language) is null) return UnknownTemplate(key);
        var (body, invalid) = await JsonBody.ReadAsync<TemplateBody>(request, MaxBodyBytes, required: true, ct);
        if (invalid is not null) return invalid;
        // Every field's error at once: the target's and the body's.
        var errors = new Dictionary<string, string[]>(target?.ProblemDetails.Errors ?? new Dictionary<string, string[]>());
        foreach (var (field, messages) in Validate(body!, required: true)?.ProblemDetails.Errors ?? new Dictionary<string, string[]>())
            errors[field] = messages;
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var template = new EmailTemplate(key, language, body!.Subject!, body.Text!, body.Html!);
        var unknown = await templates.SaveAsync(template, http.User.Identity?.Name ?? "administrator", clock.GetUtcNow(), ct);
        if (unknown.Count > 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["placeholders"] = unknown.Select(u => $"Unknown placeholder {{{{{u}}}}}; known: {string.Join(", ", EmailTemplateCatalog.Placeholders)} and variables.NAME.").ToArray(),
            });
        return TypedResults.NoContent();
    }

    /// <summary>Renders the given (unsaved) template, or the current one, with sample values.</summary>
    private static async Task<IResult> Preview(string key, string language, HttpRequest request, EmailTemplates templates, CancellationToken ct)
    {
        if (CheckTarget(key, language) is { } target) return target;
        var (body, invalid) = await JsonBody.ReadAsync<TemplateBody>(request, MaxBodyBytes, required: false, ct);
        if (invalid is not null) return invalid;
        if (body is not null && Validate(body, required: false) is { } problem) return problem;
        var template = body is { Subject: not null, Text: not null, Html: not null }
            ? new EmailTemplate(key, language, body.Subject, body.Text, body.Html)
            : await templates.FindAsync(key, language, ct);
        if (template is null) return UnknownTemplate(key);
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

    private static async Task<Results<Ok<List<EmailView>>, ValidationProblem>> DeadMessages(string? to, string? kind, string? since,
        EmailMessageStore emails, CancellationToken ct)
    {
        if (Filter(to, kind, since) is not { } filter) return SinceProblem(since);
        return TypedResults.Ok((await emails.ListDeadAsync(filter, ct))
            .Select(m => new EmailView(m.Id, m.Kind, m.To, m.Subject, m.Attempts, m.LastError, m.CreatedAt)).ToList());
    }

    /// <summary>Retries every dead email, or those matching the filter (to, kind, since).</summary>
    private static async Task<Results<Ok<RetriedView>, ValidationProblem>> RetryDead(string? to, string? kind, string? since,
        EmailMessageStore emails, TimeProvider clock, CancellationToken ct)
    {
        if (Filter(to, kind, since) is not { } filter) return SinceProblem(since);
        return TypedResults.Ok(new RetriedView(await emails.RetryDeadAsync(filter, clock.GetUtcNow(), ct)));
    }

    private static async Task<Results<NoContent, NotFound>> Retry(string id, EmailMessageStore emails, TimeProvider clock, CancellationToken ct) =>
        await emails.RetryAsync(id, clock.GetUtcNow(), ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Ok<List<ProblemView>>> Problems(NotificationProblemStore problems, CancellationToken ct) =>
        TypedResults.Ok((await problems.ListOpenAsync(ct))
            .Select(p => new ProblemView(p.Id, p.Problem, p.EventId, p.UserId, p.NotificationKind, p.InstanceId, p.Detail, p.CreatedAt)).ToList());

    /// <summary>Dispatches the notification again (to the one user who had no contact, or to everyone for a dead one).</summary>
    private static async Task<IResult> RetryProblem(string id, NotificationProblemRetry retry, CancellationToken ct)
    {
        var result = await retry.RetryAsync(id, ct);
        return result.Outcome switch
        {
            NotificationProblemRetry.Outcome.Retried => TypedResults.NoContent(),
            NotificationProblemRetry.Outcome.NotFound => TypedResults.NotFound(),
            NotificationProblemRetry.Outcome.Unreadable =>
                TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The notification cannot be read.", detail: result.Detail),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Still not deliverable.", detail: result.Detail),
        };
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex KeyShape();

    private static ValidationProblem? CheckTarget(string key, string language)
    {
        var errors = new Dictionary<string, string[]>();
        if (!KeyShape().IsMatch(key)) errors["key"] = [$"A template key is 1 to 64 lower-case letters, digits and hyphens; known keys: {string.Join(", ", Keys)}."];
        if (!EmailTemplateCatalog.Languages.Contains(language)) errors["language"] = [$"'{Shorten(language)}' is not zh-CN or en."];
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
    }

    private static IEnumerable<string> Keys => EmailTemplateCatalog.Defaults.Select(d => d.Key).Distinct();

    private static NotFound<ProblemDetails> UnknownTemplate(string key) => TypedResults.NotFound(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound, Title = "Unknown template.",
        Detail = $"There is no template '{key}'; known keys: {string.Join(", ", Keys)}.",
    });

    private static ValidationProblem? Validate(TemplateBody body, bool required)
    {
        var errors = new Dictionary<string, string[]>();
        void Check(string field, string? value, int max, string what)
        {
            if (string.IsNullOrWhiteSpace(value)) { if (required) errors[field] = [$"{what} is required."]; }
            else if (value.Length > max) errors[field] = [$"{what} is longer than {max} characters."];
        }
        Check("subject", body.Subject, 300, "A subject");
        Check("text", body.Text, MaxPartLength, "A plain-text body");
        Check("html", body.Html, MaxPartLength, "An HTML body");
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
    }

    private static DeadEmailFilter? Filter(string? to, string? kind, string? since)
    {
        if (string.IsNullOrWhiteSpace(since)) return new DeadEmailFilter(to, kind);
        return DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? new DeadEmailFilter(to, kind, at)
            : null;
    }

    private static ValidationProblem SinceProblem(string? since) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["since"] = [$"'{Shorten(since)}' is not a date and time (ISO 8601)."] });

    private static string Shorten(string? text) => text is { Length: > 40 } ? text[..40] + "…" : text ?? "";
}

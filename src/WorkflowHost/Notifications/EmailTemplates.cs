namespace WorkflowHost.Notifications;

/// <summary>Templates as used: an administrator's override when there is one, the built-in one otherwise.</summary>
public sealed class EmailTemplates(NotificationDatabase db)
{
    public async Task<EmailTemplate?> FindAsync(string key, string language, CancellationToken ct)
    {
        var overrides = await db.QueryAsync(
            "SELECT template_key, language, subject, text_body, html_body FROM email_templates WHERE template_key = @p0 AND language = @p1",
            r => new EmailTemplate(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)), ct, key, language);
        return overrides.FirstOrDefault() ?? EmailTemplateCatalog.Default(key, language);
    }

    /// <summary>Saves an override after checking its placeholders; returns the unknown ones (nothing saved then).</summary>
    /// <summary>Which templates an administrator has overridden.</summary>
    public async Task<HashSet<(string Key, string Language)>> CustomisedAsync(CancellationToken ct) =>
        (await db.QueryAsync("SELECT template_key, language FROM email_templates", r => (r.GetString(0), r.GetString(1)), ct)).ToHashSet();

    public async Task<IReadOnlyList<string>> SaveAsync(EmailTemplate template, string by, DateTimeOffset at, CancellationToken ct)
    {
        var unknown = TemplateRenderer.UnknownPlaceholders(template);
        if (unknown.Count > 0) return unknown;
        // One atomic upsert (both databases speak ON CONFLICT): concurrent saves of one template end with one of them.
        await db.ExecuteAsync("""
            INSERT INTO email_templates (template_key, language, subject, text_body, html_body, updated_at, updated_by)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6)
            ON CONFLICT (template_key, language) DO UPDATE SET subject = excluded.subject, text_body = excluded.text_body,
                html_body = excluded.html_body, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, ct, template.Key, template.Language, template.Subject, template.Text, template.Html, at.UtcTicks, by);
        return unknown;
    }
}

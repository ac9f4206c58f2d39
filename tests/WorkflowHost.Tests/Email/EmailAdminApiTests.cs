using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Identity;
using WorkflowHost.Notifications;

namespace WorkflowHost.Tests.Email;

public sealed class EmailAdminApiTests
{
    private static (HostFactory Host, string Data) NewHost()
    {
        var (data, workflows) = HostFactory.NewFolders();
        return (new HostFactory(data, workflows), data);
    }

    [Fact]
    public async Task Only_administrators_may_touch_templates()
    {
        var (host, _) = NewHost();
        await using var _host = host;
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().GetAsync("/api/v1/admin/email/templates")).StatusCode);
        var (_, inventor) = await host.CreateSignedInUserAsync("inventor1@example.edu", Roles.Inventor);
        Assert.Equal(HttpStatusCode.Forbidden, (await inventor.GetAsync("/api/v1/admin/email/templates")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await host.SignInAsAdminAsync()).GetAsync("/api/v1/admin/email/templates")).StatusCode);
    }

    [Fact]
    public async Task Test_headers_are_not_credentials_on_the_real_host()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows);
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Test-User", "root");
        client.DefaultRequestHeaders.Add("X-Test-Roles", "system-administrator");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/admin/email/messages/dead")).StatusCode);
    }

    [Fact]
    public async Task An_administrator_edits_and_previews_a_template()
    {
        var (host, _) = NewHost();
        await using var _host = host;
        var admin = await host.SignInAsAdminAsync();

        var bad = await admin.PutAsJsonAsync("/api/v1/admin/email/templates/task-reminder/en", new { subject = "Due {{whenever}}", text = "x", html = "<p>x</p>" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using (var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()))
            Assert.Contains("whenever", problem.RootElement.GetProperty("errors").GetProperty("placeholders")[0].GetString());

        var missing = await admin.PutAsJsonAsync("/api/v1/admin/email/templates/task-reminder/fr", new { subject = "", text = "x", html = "x" });
        using (var problem = JsonDocument.Parse(await missing.Content.ReadAsStringAsync()))
        {
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("language", out _));
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("subject", out _));
        }

        var saved = await admin.PutAsJsonAsync("/api/v1/admin/email/templates/task-reminder/en",
            new { subject = "Reminder for {{recipientName}}", text = "{{taskName}} is due {{dueAt}}. {{link}}", html = "<p>{{taskName}}</p>" });
        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        var current = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/email/templates/task-reminder/en");
        Assert.Equal("Reminder for {{recipientName}}", current.GetProperty("subject").GetString());

        var preview = await admin.PostAsJsonAsync("/api/v1/admin/email/templates/task-reminder/zh-CN/preview",
            new { subject = "{{taskName}}", text = "{{taskName}}", html = "<b>{{recipientName}}</b>" });
        var rendered = await preview.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("审查披露", rendered.GetProperty("subject").GetString());
        Assert.Equal("<b>王老师</b>", rendered.GetProperty("html").GetString());
    }

    [Fact]
    public async Task Dead_messages_are_listed_and_can_be_retried()
    {
        var (host, _) = NewHost();
        await using var _host = host;
        var admin = await host.SignInAsAdminAsync();
        _ = host.CreateClient();
        var db = host.Services.GetRequiredService<NotificationDatabase>();
        var id = Guid.NewGuid().ToString();
        await db.ExecuteAsync("""
            INSERT INTO email_messages (id, idempotency_key, kind, to_address, language, subject, text_body, html_body, status, attempts, next_attempt_at, last_error, created_at)
            VALUES (@p0, @p1, 'task-assigned', 'gone@example.edu', 'en', 'New task', 'x', 'x', @p2, 8, 0, 'mailbox unavailable', 0)
            """, default, id, "k-" + id, (int)EmailStatus.Dead);

        var dead = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/email/messages/dead");
        Assert.Equal("mailbox unavailable", dead[0].GetProperty("lastError").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/email/messages/{id}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/admin/email/messages/{id}/retry", null)).StatusCode);
    }
}

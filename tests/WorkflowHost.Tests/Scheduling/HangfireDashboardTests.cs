using System.Net;

namespace WorkflowHost.Tests.Scheduling;

/// <summary>The Hangfire Dashboard answers to administrators only, through the application's own policy.</summary>
public sealed class HangfireDashboardTests
{
    [Fact]
    public async Task The_dashboard_is_401_without_an_account_403_for_others_and_open_to_administrators()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows, services: HeaderAuthenticationHandler.Register);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().GetAsync("/hangfire")).StatusCode);

        var inventor = host.CreateClient();
        inventor.DefaultRequestHeaders.Add("X-Test-User", "inventor1");
        inventor.DefaultRequestHeaders.Add("X-Test-Roles", "inventor");
        Assert.Equal(HttpStatusCode.Forbidden, (await inventor.GetAsync("/hangfire")).StatusCode);

        var admin = host.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Test-User", "root");
        admin.DefaultRequestHeaders.Add("X-Test-Roles", "system-administrator");
        var page = await admin.GetAsync("/hangfire/recurring");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("notification-outbox", html);
        Assert.Contains("email-delivery", html);
    }

    [Fact]
    public async Task Without_accounts_the_dashboard_answers_401_even_to_local_requests()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows); // the production scheme: no accounts yet
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().GetAsync("/hangfire")).StatusCode);
    }
}

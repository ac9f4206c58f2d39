using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WorkflowHost.Tests.Identity;

/// <summary>The real host as a child process, configured the way an operator would: environment variables only.</summary>
public sealed class BootstrapFromEnvironmentTests
{
    [Fact]
    public async Task The_first_administrator_comes_from_Bootstrap__AdminEmail_and_Bootstrap__AdminPassword()
    {
        var (data, _) = HostFactory.NewFolders();
        await using var host = new HostProcess(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Storage:DataPath"] = data,
            ["Workflows:Path"] = Path.Combine(data, "no-workflows"),
            ["Bootstrap:AdminEmail"] = "office-admin@example.edu",
            ["Bootstrap:AdminPassword"] = "From-The-Environment-1!",
        });
        await host.StartAsync();

        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = "office-admin@example.edu", password = "From-The-Environment-1!" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var users = await (await http.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["office-admin@example.edu"], users.EnumerateArray().Select(u => u.GetProperty("email").GetString()));
        Assert.DoesNotContain("From-The-Environment-1!", host.Output);
        Assert.DoesNotContain("First administrator created", host.Output);
    }
}

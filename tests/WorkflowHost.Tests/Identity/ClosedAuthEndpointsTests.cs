using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflows.Persistence;

namespace WorkflowHost.Tests.Identity;

/// <summary>
/// Registration and the email-link endpoints are not offered, so they are not mapped at all: no spelling of their paths
/// reaches a handler (before, a filter compared the path's end, and <c>/register/</c> and <c>/register/.</c> created a
/// signed-in user).
/// </summary>
public sealed class ClosedAuthEndpointsTests
{
    private static readonly string[] Closed = ["register", "forgotPassword", "resendConfirmationEmail", "resetPassword", "confirmEmail", "manage/2fa"];

    /// <summary>Each way of writing a path that a client, a proxy or the server might read as the endpoint's.</summary>
    private static IEnumerable<string> Spellings(string name)
    {
        var encodedFirst = "%" + ((int)name[0]).ToString("X2") + name[1..];
        var capitalised = char.ToUpperInvariant(name[0]) + name[1..];
        return
        [
            $"/api/v1/auth/{name}", $"/api/v1/auth/{name}/", $"/api/v1/auth/{name}/.", $"/api/v1/auth/{name}/./",
            $"/api/v1/auth/{name}//", $"/api/v1/auth/./{name}", $"/api/v1/auth/x/../{name}", $"/api/v1/auth//{name}",
            $"/api/v1/auth/{name.ToUpperInvariant()}", $"/api/v1/auth/{capitalised}/", $"/api/v1/AUTH/{name}",
            $"/api/v1/auth/{encodedFirst}", $"/api/v1/auth/{encodedFirst}/.", $"/api/v1/auth/{name}%2F", $"/api/v1/auth%2F{name}",
            $"/api/v1/auth/{name}%20", $"/api/v1/auth/{name};x", $"/api/v1/auth/{name}?returnUrl=/", $"/api/v1/auth/{name}/%2e",
        ];
    }

    [Fact]
    public async Task No_spelling_of_register_or_the_email_link_endpoints_creates_a_user_or_reaches_a_handler()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var (host, server) = installation.StartOnKestrel();
        var wrong = new List<string>();
        var n = 0;
        foreach (var name in Closed)
        foreach (var target in Spellings(name))
        foreach (var method in new[] { "POST", "GET" })
        {
            var email = $"stranger{n++}@example.com";
            var (status, response) = await RawHttp.SendAsync(server, method, target,
                method == "POST" ? JsonSerializer.Serialize(new { email, password = "Stranger-Passw0rd!9", newPassword = "Stranger-Passw0rd!9", resetCode = "x" }) : null);
            if (status is not (404 or 405)) wrong.Add($"{method} {target}: {status} {response.Split("\r\n\r\n", 2).ElementAtOrDefault(1)}");
        }
        Assert.True(wrong.Count == 0, "answered neither 404 nor 405:\n" + string.Join("\n", wrong));

        // Nobody was created: the administrator is still the only user, and no stranger signs in.
        var admin = await host.SignInAsAdminAsync();
        var users = await admin.GetFromJsonAsync<JsonElement>("/api/v1/users?pageSize=500");
        Assert.Equal([TestUsers.AdminEmail], users.EnumerateArray().Select(u => u.GetProperty("email").GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.LoginAsync("stranger0@example.com", "Stranger-Passw0rd!9")).StatusCode);
    }
}

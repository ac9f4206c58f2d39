using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace WorkflowHost.Tests;

/// <summary>A user created through the users API, with the password they sign in with.</summary>
public sealed record TestUser(string Id, string Email, string Password);

/// <summary>
/// Real accounts for host tests, through the real HTTP API: sign in with Identity's login endpoint (a bearer
/// token), create users with roles as the bootstrap administrator that <see cref="HostFactory"/> configures.
/// <code>
/// var admin = await host.SignInAsAdminAsync();
/// var (inventor, client) = await host.CreateSignedInUserAsync("inventor@example.edu", Roles.Inventor);
/// await host.AddToCommitteeAsync("expert-panel", inventor.Id, chair: true);
/// var actor = ... // on the server: ActorFactory.FromPrincipal(http.User)
/// </code>
/// </summary>
public static class TestUsers
{
    public const string AdminEmail = "admin@tests.example.edu";
    /// <summary>Only for test hosts (HostFactory's Bootstrap:AdminPassword); never a real installation's.</summary>
    public const string AdminPassword = "Test-Bootstrap-Passw0rd!";
    /// <summary>What <see cref="CreateUserAsync"/> gives every user unless told otherwise.</summary>
    public const string DefaultPassword = "Test-User-Passw0rd!";

    /// <summary>POST /api/v1/auth/login as it is; for tests of the sign-in itself.</summary>
    public static Task<HttpResponseMessage> LoginAsync(this WebApplicationFactory<Program> host, string email, string password) =>
        host.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password });

    /// <summary>A client that sends the user's bearer token on every request; fails the test if sign-in fails.</summary>
    public static async Task<HttpClient> SignInAsync(this WebApplicationFactory<Program> host, string email, string password)
    {
        var response = await host.LoginAsync(email, password);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Sign-in of {email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Signed in as the bootstrap administrator (a system administrator).</summary>
    public static Task<HttpClient> SignInAsAdminAsync(this WebApplicationFactory<Program> host) => host.SignInAsync(AdminEmail, AdminPassword);

    /// <summary>Creates a user with these roles (Roles.*) through POST /api/v1/users, as the administrator.</summary>
    public static async Task<TestUser> CreateUserAsync(this WebApplicationFactory<Program> host, string email, params string[] roles) =>
        await host.CreateUserWithPasswordAsync(email, DefaultPassword, "en", roles);

    /// <summary>Creates a user with this password, language (zh-CN or en) and roles.</summary>
    public static async Task<TestUser> CreateUserWithPasswordAsync(this WebApplicationFactory<Program> host, string email, string password, string language, params string[] roles)
    {
        using var admin = await host.SignInAsAdminAsync();
        return await admin.CreateUserWithPasswordAsync(email, password, language, roles);
    }

    /// <summary>As <see cref="CreateUserAsync"/>, by an administrator already signed in (a fixture that creates many users
    /// signs in once: each sign-in is a password hash).</summary>
    public static Task<TestUser> CreateUserAsync(this HttpClient admin, string email, params string[] roles) =>
        admin.CreateUserWithPasswordAsync(email, DefaultPassword, "en", roles);

    private static async Task<TestUser> CreateUserWithPasswordAsync(this HttpClient admin, string email, string password, string language, string[] roles)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            email, password, displayName = email.Split('@')[0], language, digest = "immediate", roles,
        });
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Creating {email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        return new TestUser(id, email, password);
    }

    /// <summary>Creates a user with these roles and signs them in.</summary>
    public static async Task<(TestUser User, HttpClient Client)> CreateSignedInUserAsync(this WebApplicationFactory<Program> host, string email, params string[] roles)
    {
        var user = await host.CreateUserAsync(email, roles);
        return (user, await host.SignInAsync(user.Email, user.Password));
    }

    /// <summary>As <see cref="CreateSignedInUserAsync(WebApplicationFactory{Program}, string, string[])"/>, created by an administrator already signed in.</summary>
    public static async Task<(TestUser User, HttpClient Client)> CreateSignedInUserAsync(this WebApplicationFactory<Program> host, HttpClient admin, string email, params string[] roles)
    {
        var user = await admin.CreateUserAsync(email, roles);
        return (user, await host.SignInAsync(user.Email, user.Password));
    }

    /// <summary>Seats a user on a committee (created, named as its code, when missing); with <paramref name="chair"/> they chair it.</summary>
    public static async Task AddToCommitteeAsync(this WebApplicationFactory<Program> host, string code, string userId, bool chair = false)
    {
        using var admin = await host.SignInAsAdminAsync();
        await admin.AddToCommitteeAsync(code, userId, chair);
    }

    /// <summary>As <see cref="AddToCommitteeAsync(WebApplicationFactory{Program}, string, string, bool)"/>, by an administrator already signed in.</summary>
    public static async Task AddToCommitteeAsync(this HttpClient admin, string code, string userId, bool chair = false)
    {
        if ((await admin.GetAsync($"/api/v1/committees/{code}")).StatusCode == HttpStatusCode.NotFound)
            (await admin.PostAsJsonAsync("/api/v1/committees", new { code, name = code })).EnsureSuccessStatusCode();
        var added = await admin.PostAsJsonAsync($"/api/v1/committees/{code}/members", new { userId, chair });
        if (!added.IsSuccessStatusCode)
            throw new InvalidOperationException($"Seating {userId} on {code} answered {(int)added.StatusCode}: {await added.Content.ReadAsStringAsync()}");
    }
}

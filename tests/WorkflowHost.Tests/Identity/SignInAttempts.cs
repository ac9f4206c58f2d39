using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace WorkflowHost.Tests.Identity;

/// <summary>Sign-in attempts the way an attacker or a user makes them: the API, and the sign-in page's form.</summary>
public static partial class SignInAttempts
{
    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string email, string password, bool useCookies = false) =>
        client.PostAsJsonAsync("/api/v1/auth/login" + (useCookies ? "?useCookies=true" : ""), new { email, password });

    /// <summary>The sign-in page's form, posted as a browser posts it (with the page's antiforgery token; the client keeps cookies).</summary>
    public static async Task<HttpResponseMessage> LoginPageAsync(this HttpClient client, string email, string password)
    {
        var token = AntiforgeryTokenOf(await client.GetStringAsync("/account/login"));
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.Email"] = email, ["Input.Password"] = password,
        }));
    }

    /// <summary>The token pair of a successful bearer sign-in.</summary>
    public static async Task<(string Access, string Refresh)> TokensAsync(this HttpResponseMessage login)
    {
        login.EnsureSuccessStatusCode();
        var body = await login.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!);
    }

    /// <summary>What a failed attempt answers, without the parts that differ by request (trace id).</summary>
    public static async Task<string> AnswerAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return $"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} {body.GetProperty("type")} {body.GetProperty("title")} {body.GetProperty("detail")}";
    }

    /// <summary>The antiforgery token of the (first) form on a page.</summary>
    public static string AntiforgeryTokenOf(string html) => AntiforgeryToken().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

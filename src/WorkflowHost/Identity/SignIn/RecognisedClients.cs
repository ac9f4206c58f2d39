using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using WorkflowHost.Identity.Sessions;

namespace WorkflowHost.Identity.SignIn;

/// <summary>
/// Clients (a browser, an API client with a cookie jar) that have signed in to an account before, known by a cookie
/// (<c>workflowhost.device</c>) that the host signs with its data-protection keys: the account's id, the client's id
/// and when it was issued. An attacker's failed sign-ins lock the account for clients it does not recognise only, so
/// its owner, from a client it recognises, still signs in with the right password (OWASP's "device cookies").
/// The cookie proves nothing by itself: the password is checked all the same.
/// </summary>
public sealed class RecognisedClients(IDataProtectionProvider protection, TimeProvider clock, IOptions<AccountSessionOptions> options)
{
    public const string CookieName = "workflowhost.device";

    private readonly IDataProtector _protector = protection.CreateProtector("WorkflowHost.SignIn.RecognisedClient.v1");

    /// <summary>The id of the client when it presents an unexpired cookie issued for this account, else null.</summary>
    public string? Recognise(HttpContext http, string userId)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value)) return null;
        string text;
        try
        {
            text = _protector.Unprotect(value);
        }
        catch (CryptographicException)
        {
            return null; // forged, truncated, or from a key ring that is gone
        }
        var parts = text.Split('|');
        if (parts.Length != 3 || !string.Equals(parts[0], userId, StringComparison.Ordinal)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var issued))
            return null;
        var expires = DateTimeOffset.FromUnixTimeSeconds(issued).Add(options.Value.RecognisedClientLifetime);
        return clock.GetUtcNow() < expires ? parts[1] : null;
    }

    /// <summary>After a successful sign-in: the client is recognised for this account from now on (its lifetime starts again).</summary>
    public void Remember(HttpContext http, string userId)
    {
        var clientId = Recognise(http, userId) ?? Guid.NewGuid().ToString("N");
        var now = clock.GetUtcNow();
        var value = _protector.Protect(string.Join('|', userId, clientId, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        http.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, Path = "/", IsEssential = true,
            Expires = now.Add(options.Value.RecognisedClientLifetime),
        });
    }
}

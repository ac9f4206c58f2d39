using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace WorkflowHost.Security;

/// <summary>
/// The host's one authentication scheme. A request with <c>Authorization: Bearer ...</c> is authenticated by
/// Identity's bearer tokens (API clients), any other by Identity's cookie (the web UI); the session is then checked and
/// the user's roles and committees read afresh (<see cref="CurrentAccountClaims"/>): a user who is gone or locked, a
/// security stamp renewed since (sign-out, password change, role change), or a revoked token family fails
/// authentication, so the caller gets 401 at once even with a token or cookie issued before.
/// Challenges and forbids go to the scheme that authenticated (bearer: 401/403; cookie: 401/403 on /api, a
/// redirect to the sign-in page elsewhere).
/// </summary>
public sealed class BearerOrCookieHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, System.Text.Encodings.Web.UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "BearerOrCookie";

    private bool IsBearer => Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private string Target => IsBearer ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var result = await Context.AuthenticateAsync(Target);
        if (!result.Succeeded) return result.None ? AuthenticateResult.NoResult() : AuthenticateResult.Fail(result.Failure!);
        var current = await Context.RequestServices.GetRequiredService<CurrentAccountClaims>().RefreshAsync(result.Principal, IsBearer, Context.RequestAborted);
        return current is null
            ? AuthenticateResult.Fail("The session has ended: signed out, password or roles changed, account locked or gone.")
            : AuthenticateResult.Success(new AuthenticationTicket(current, result.Properties, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => Context.ChallengeAsync(Target, properties);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Context.ForbidAsync(Target, properties);
}

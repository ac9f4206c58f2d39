using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using WorkflowHost.Identity;
using WorkflowHost.Identity.Sessions;
using WorkflowHost.Identity.SignIn;
using WorkflowHost.Localization;
using WorkflowHost.Security;
using WorkflowHost.Security.RateLimiting;

namespace WorkflowHost.Api.Accounts;

/// <summary>
/// Signing in and out under <c>/api/v1/auth</c>, in the shape of Identity's API endpoints (which are not mapped):
/// <c>POST /login</c> (a bearer token pair, or with <c>?useCookies=true</c> the web UI's cookie), <c>POST /refresh</c>
/// (rotating: each refresh token works once), <c>POST /logout</c> (ends every session of the user),
/// <c>GET|POST /manage/info</c> (my address; a password change). Only what is offered is mapped: nobody registers
/// themselves (system administrators create users) and no email links exist (an administrator resets a forgotten
/// password), so <c>/register</c>, <c>/confirmEmail</c>, <c>/forgotPassword</c>, ... are 404 under any spelling.
/// </summary>
public static class AuthApi
{
    public const string SignInFailed = "sign-in-failed";

    public sealed record LoginRequest(string? Email, string? Password);
    public sealed record RefreshRequest(string? RefreshToken);
    public sealed record InfoResponse(string Email, bool IsEmailConfirmed);
    /// <summary>Identity's manage/info body: a new password with the old one; a new address is an administrator's to set.</summary>
    public sealed record InfoRequest(string? NewEmail, string? NewPassword, string? OldPassword);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Sign-in").ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/login", Login).AllowAnonymous()
            .WithSummary("Signs in with email and password: a bearer token pair (or, with useCookies=true, a cookie); 401 'Failed' whatever the reason, 429 past the rate limits.")
            .Produces<AccessTokenResponse>().ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/refresh", Refresh).AllowAnonymous()
            .WithSummary("Exchanges a refresh token for a new token pair; each refresh token works once, and a reused one ends its whole sign-in.")
            .Produces<AccessTokenResponse>().ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/logout", Logout).RequireAuthorization(Policies.SignedIn)
            .WithSummary("Signs out: ends every session of the user at once (cookies, bearer and refresh tokens).");
        group.MapGet("/manage/info", Info).RequireAuthorization(Policies.SignedIn)
            .WithSummary("My sign-in address.");
        group.MapPost("/manage/info", ChangeInfo).RequireAuthorization(Policies.SignedIn)
            .WithSummary("Changes my password (newPassword with oldPassword); every session ends, this one too.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Login(LoginRequest body, HttpContext http,
        PasswordSignIn passwords, SignInManager<ApplicationUser> signIn, RecognisedClients clients, TokenFamilies families,
        CancellationToken ct, bool? useCookies = null, bool? useSessionCookies = null)
    {
        var outcome = await passwords.CheckAsync(http, body.Email, body.Password, ct);
        if (outcome.Result == SignInOutcome.Kind.Throttled) return TooManyRequests.Result(http, outcome.RetryAfter!.Value, "sign-in attempts");
        if (outcome.User is not { } user) return Failed();
        clients.Remember(http, user.Id);
        if (useCookies == true || useSessionCookies == true)
        {
            signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
            await signIn.SignInAsync(user, isPersistent: useSessionCookies != true);
        }
        else
        {
            var family = await families.StartAsync(user.Id, ct);
            signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
            await signIn.SignInWithClaimsAsync(user, isPersistent: false, FamilyClaims(family.Id, family.Generation)); // the bearer handler writes the token pair
        }
        return TypedResults.Empty;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Refresh(RefreshRequest body, HttpContext http,
        IOptionsMonitor<BearerTokenOptions> bearer, SignInManager<ApplicationUser> signIn, TokenFamilies families,
        AccountRateLimits limits, TimeProvider clock, CancellationToken ct)
    {
        if (limits.TryAcquire(AccountRateLimits.Limit.RefreshPerAddress, ClientAddress.Of(http)) is { } perAddress)
            return TooManyRequests.Result(http, perAddress, "refreshes from this address");
        var ticket = string.IsNullOrEmpty(body.RefreshToken) ? null
            : bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(body.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || !Guid.TryParse(ticket.Principal.FindFirstValue(AccountClaims.TokenFamily), out var family)
            || !int.TryParse(ticket.Principal.FindFirstValue(AccountClaims.TokenGeneration), out var generation)
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
            return Failed("The refresh token is not valid, has expired, or its sign-in has ended.");
        if (limits.TryAcquire(AccountRateLimits.Limit.RefreshPerAccount, user.Id) is { } perAccount)
            return TooManyRequests.Result(http, perAccount, "refreshes for this account");
        var rotation = await families.RotateAsync(family, user.Id, generation, ct);
        if (rotation == TokenFamilies.Rotation.Reused)
            return Failed("This refresh token was used before: its sign-in has ended, every token of it included. Sign in again.");
        if (rotation == TokenFamilies.Rotation.Ended) return Failed("This sign-in has ended. Sign in again.");
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, FamilyClaims(family, generation + 1));
        return TypedResults.Empty;
    }

    private static async Task<NoContent> Logout(ClaimsPrincipal principal, HttpContext http, UserManager<ApplicationUser> users,
        AccountSessions sessions, CancellationToken ct)
    {
        if (await users.GetUserAsync(principal) is { } user) await sessions.EndAllAsync(user, SessionEndReasons.SignedOut, ct);
        await http.SignOutAsync(IdentityConstants.ApplicationScheme); // a cookie caller's cookie is removed too
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<InfoResponse>, NotFound>> Info(ClaimsPrincipal principal, UserManager<ApplicationUser> users) =>
        await users.GetUserAsync(principal) is { } user ? TypedResults.Ok(new InfoResponse(user.Email ?? "", user.EmailConfirmed)) : TypedResults.NotFound();

    private static async Task<Results<Ok<InfoResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeInfo(InfoRequest body,
        ClaimsPrincipal principal, HttpContext http, UserManager<ApplicationUser> users, UserAccountService accounts,
        IStringLocalizer<AccountText> text, CancellationToken ct)
    {
        if (await users.GetUserAsync(principal) is not { } user) return TypedResults.NotFound();
        if (!string.IsNullOrEmpty(body.NewEmail) && !string.Equals(body.NewEmail, user.Email, StringComparison.OrdinalIgnoreCase))
            return ApiProblems.Invalid("newEmail", text["Account_EmailChangedByAdministrator"]);
        if (!string.IsNullOrEmpty(body.NewPassword))
        {
            var errors = await accounts.ChangePasswordAsync(user.Id, body.OldPassword, body.NewPassword, ct);
            if (errors.RetryAfter is { } wait) return TooManyRequests.Result(http, wait, "password attempts");
            if (errors.Any)
                return ApiProblems.Invalid(errors.ToDictionary().ToDictionary(e => e.Key == "currentPassword" ? "oldPassword" : e.Key, e => e.Value));
        }
        return TypedResults.Ok(new InfoResponse(user.Email ?? "", user.EmailConfirmed));
    }

    private static Claim[] FamilyClaims(Guid family, int generation) =>
        [new(AccountClaims.TokenFamily, family.ToString()), new(AccountClaims.TokenGeneration, generation.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The one answer to a failed sign-in, whatever failed: Identity's "Failed".</summary>
    private static ProblemHttpResult Failed(string detail = "Failed") =>
        ApiProblems.Status(StatusCodes.Status401Unauthorized, SignInFailed, detail);
}

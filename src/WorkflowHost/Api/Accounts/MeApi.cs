using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHost.Identity;
using WorkflowHost.Security;
using WorkflowHost.Security.RateLimiting;

namespace WorkflowHost.Api.Accounts;

/// <summary>The signed-in user's own account: profile, language and digest choice, password.</summary>
public static class MeApi
{
    /// <summary><c>confirmPassword</c>, when given, must equal <c>newPassword</c> (400 naming it otherwise).</summary>
    public sealed record PasswordChange(string? CurrentPassword, string? NewPassword, string? ConfirmPassword = null);

    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me").RequireAuthorization(Policies.SignedIn).WithTags("My account")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("", Get).WithSummary("My account: name, email, roles, committees, language and digest choice.");
        group.MapPut("", Update).WithSummary("Changes my display name, language (zh-CN or en) and reminder choice (immediate or daily digest).");
        group.MapPost("/password", ChangePassword).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Changes my password; needs the current one (and confirmPassword, when sent, equal to newPassword). Every session of mine ends, this one too: sign in again with the new one.");
        return app;
    }

    private static async Task<Results<Ok<UserView>, NotFound>> Get(ClaimsPrincipal user, UserAccountService accounts, CancellationToken ct) =>
        await accounts.GetAsync(user.ToActor().UserId, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<Ok<UserView>, NotFound, ValidationProblem>> Update(
        UserAccountService.Profile body, ClaimsPrincipal user, UserAccountService accounts, CancellationToken ct)
    {
        var (view, errors) = await accounts.UpdateProfileAsync(user.ToActor().UserId, body, ct);
        if (errors.Any) return ApiProblems.Invalid(errors.ToDictionary());
        return view is null ? TypedResults.NotFound() : TypedResults.Ok(view);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangePassword(
        PasswordChange body, ClaimsPrincipal user, HttpContext http, UserAccountService accounts, CancellationToken ct)
    {
        var errors = await accounts.ChangePasswordAsync(user.ToActor().UserId, body.CurrentPassword, body.NewPassword, ct, body.ConfirmPassword);
        if (errors.RetryAfter is { } wait) return TooManyRequests.Result(http, wait, "password attempts");
        return errors.Any ? ApiProblems.Invalid(errors.ToDictionary()) : TypedResults.NoContent();
    }
}

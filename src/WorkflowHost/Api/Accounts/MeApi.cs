using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHost.Identity;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Accounts;

/// <summary>The signed-in user's own account: profile, language and digest choice, password.</summary>
public static class MeApi
{
    public sealed record PasswordChange(string? CurrentPassword, string? NewPassword);

    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me").RequireAuthorization(Policies.SignedIn).WithTags("My account")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("", Get).WithSummary("My account: name, email, roles, committees, language and digest choice.");
        group.MapPut("", Update).WithSummary("Changes my display name, language (zh-CN or en) and reminder choice (immediate or daily digest).");
        group.MapPost("/password", ChangePassword).WithSummary("Changes my password; needs the current one.");
        return app;
    }

    private static async Task<Results<Ok<UserView>, NotFound>> Get(ClaimsPrincipal user, UserAccountService accounts, CancellationToken ct) =>
        await accounts.GetAsync(user.ToActor().UserId, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<Ok<UserView>, NotFound, ValidationProblem>> Update(
        UserAccountService.Profile body, ClaimsPrincipal user, UserAccountService accounts, CancellationToken ct)
    {
        var (view, errors) = await accounts.UpdateProfileAsync(user.ToActor().UserId, body, ct);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        return view is null ? TypedResults.NotFound() : TypedResults.Ok(view);
    }

    private static async Task<Results<NoContent, ValidationProblem>> ChangePassword(
        PasswordChange body, ClaimsPrincipal user, UserAccountService accounts, CancellationToken ct)
    {
        var errors = await accounts.ChangePasswordAsync(user.ToActor().UserId, body.CurrentPassword, body.NewPassword, ct);
        return errors.Any ? TypedResults.ValidationProblem(errors.ToDictionary()) : TypedResults.NoContent();
    }
}

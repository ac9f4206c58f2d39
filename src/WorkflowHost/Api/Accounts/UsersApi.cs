using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHost.Identity;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Accounts;

/// <summary>System administrators manage users: create with roles, list, read, change profile and roles, lock, unlock, reset a password.</summary>
public static class UsersApi
{
    public sealed record RolesBody(IReadOnlyList<string>? Roles);
    public sealed record PasswordBody(string? NewPassword);

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/users").RequireAuthorization(Policies.Administrator).WithTags("Users")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("", List).WithSummary("Lists the users (system administrators only).");
        group.MapGet("/{id}", Get).WithSummary("One user with roles, committees and lock state.");
        group.MapPost("", Create).WithSummary("Creates a user with roles and an initial password (nobody registers themselves).");
        group.MapPut("/{id}", Update).WithSummary("Changes a user's name, email, language or digest choice.");
        group.MapPut("/{id}/roles", SetRoles).WithSummary("Replaces a user's roles (the last active system administrator keeps theirs).");
        group.MapPost("/{id}/lock", Lock).WithSummary("Locks an account: its tokens and cookies stop working at once.");
        group.MapPost("/{id}/unlock", Unlock).WithSummary("Unlocks an account locked by an administrator or by failed sign-ins.");
        group.MapPost("/{id}/password", ResetPassword).WithSummary("Sets a new password for a user who forgot theirs.");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<UserView>>, ValidationProblem>> List(
        UserAccountService accounts, CancellationToken ct, string? search = null, int page = 1, int pageSize = 50)
    {
        var errors = new AccountErrors();
        if (page < 1) errors.Add("page", "The page is 1 or more.");
        if (pageSize is < 1 or > 500) errors.Add("pageSize", "The page size is 1 to 500.");
        if (errors.Any) return ApiProblems.Invalid(errors.ToDictionary());
        return TypedResults.Ok(await accounts.ListAsync(search, (page - 1) * pageSize, pageSize, ct));
    }

    private static async Task<Results<Ok<UserView>, NotFound>> Get(string id, UserAccountService accounts, CancellationToken ct) =>
        await accounts.GetAsync(id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<Created<UserView>, ValidationProblem>> Create(UserAccountService.NewUser body, UserAccountService accounts, CancellationToken ct)
    {
        var (view, errors) = await accounts.CreateAsync(body, ct);
        return view is null ? ApiProblems.Invalid(errors.ToDictionary()) : TypedResults.Created($"/api/v1/users/{view.Id}", view);
    }

    private static async Task<Results<Ok<UserView>, NotFound, ValidationProblem>> Update(string id, UserAccountService.Update body,
        UserAccountService accounts, CancellationToken ct) =>
        Answer(await accounts.UpdateAsync(id, body, ct));

    private static async Task<Results<Ok<UserView>, NotFound, ValidationProblem>> SetRoles(string id, RolesBody body,
        UserAccountService accounts, CancellationToken ct) =>
        Answer(await accounts.SetRolesAsync(id, body.Roles, ct));

    private static async Task<Results<Ok<UserView>, NotFound, ValidationProblem>> Lock(string id, ClaimsPrincipal caller,
        UserAccountService accounts, CancellationToken ct) =>
        Answer(await accounts.LockAsync(id, caller.ToActor().UserId, ct));

    private static async Task<Results<Ok<UserView>, NotFound>> Unlock(string id, UserAccountService accounts, CancellationToken ct) =>
        await accounts.UnlockAsync(id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> ResetPassword(string id, PasswordBody body,
        UserAccountService accounts, CancellationToken ct)
    {
        var errors = await accounts.ResetPasswordAsync(id, body.NewPassword, ct);
        if (errors is null) return TypedResults.NotFound();
        return errors.Any ? ApiProblems.Invalid(errors.ToDictionary()) : TypedResults.NoContent();
    }

    private static Results<Ok<UserView>, NotFound, ValidationProblem> Answer((UserView? View, AccountErrors Errors) result) =>
        result.Errors.Any ? ApiProblems.Invalid(result.Errors.ToDictionary())
        : result.View is null ? TypedResults.NotFound()
        : TypedResults.Ok(result.View);
}

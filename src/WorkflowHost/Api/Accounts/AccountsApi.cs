namespace WorkflowHost.Api.Accounts;

/// <summary>Every account endpoint: sign-in (Identity's API), my account, users, committees.</summary>
public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app) =>
        app.MapAuthApi().MapMeApi().MapUsersApi().MapCommitteesApi();
}

using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;
using WorkflowHost.Identity.Sessions;

namespace WorkflowHost.Security;

/// <summary>
/// An open page (a Blazor circuit) keeps the sign-in it started with; this checks every
/// <see cref="AccountSessionOptions.CircuitRevalidationInterval"/> that the session still holds (<see cref="CurrentAccountClaims"/>),
/// so a sign-out, a password change, a lock or a role change elsewhere also ends the pages already open: they go back to
/// the sign-in page.
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<AccountSessionOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => options.Value.CircuitRevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CurrentAccountClaims>().HoldsAsync(state.User, ct);
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;
using WorkflowHost.Identity.Sessions;

namespace WorkflowHost.Security;

/// <summary>
/// An open page (a Blazor circuit) keeps the sign-in it started with. It is ended at once when its user's sessions end
/// on this host (<see cref="OpenCircuits"/>), and it checks every <see cref="AccountSessionOptions.CircuitRevalidationInterval"/>
/// that the session still holds (<see cref="CurrentAccountClaims"/>) for what happens elsewhere, so a sign-out, a
/// password change, a lock or a role change also ends the pages already open: they go back to the sign-in page.
/// </summary>
public sealed class SessionRevalidation : RevalidatingServerAuthenticationStateProvider
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<AccountSessionOptions> _options;
    private readonly OpenCircuits _circuits;
    private string? _userId;

    public SessionRevalidation(ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<AccountSessionOptions> options, OpenCircuits circuits)
        : base(loggers)
    {
        _scopes = scopes;
        _options = options;
        _circuits = circuits;
        AuthenticationStateChanged += Track;
    }

    protected override TimeSpan RevalidationInterval => _options.Value.CircuitRevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CurrentAccountClaims>().HoldsAsync(state.User, ct);
    }

    /// <summary>Signs this page out: its components see an anonymous user and lead to the sign-in page.</summary>
    public void End() => SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));

    // The circuit's user is known once the host sets the state it was opened with; it is listed under that user.
    private async void Track(Task<AuthenticationState> task)
    {
        try
        {
            var user = (await task).User;
            var id = user.Identity?.IsAuthenticated == true ? user.FindFirst(ClaimTypes.NameIdentifier)?.Value : null;
            if (_userId is { } previous && previous != id) _circuits.Remove(previous, this);
            _userId = id;
            if (id is not null) _circuits.Add(id, this);
        }
        catch (Exception)
        {
            // A failed state is the base class's to handle; the page is simply not listed.
        }
    }

    protected override void Dispose(bool disposing)
    {
        AuthenticationStateChanged -= Track;
        if (_userId is { } id) _circuits.Remove(id, this);
        base.Dispose(disposing);
    }
}

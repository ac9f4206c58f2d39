using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace WorkflowHost.Security;

/// <summary>
/// The authentication scheme until user accounts exist (the identity issue): it signs nobody in, so every
/// endpoint that requires a role answers 401. Secure by default; the identity issue replaces this scheme.
/// </summary>
public sealed class NoAccountsAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "NoAccounts";
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
}

using System.Security.Claims;
using WorkflowHost.Identity;
using Workflows.Engine.Contracts;

namespace WorkflowHost.Security;

/// <summary>
/// The one place a signed-in user becomes the engine's <see cref="Actor"/>:
/// <list type="bullet">
/// <item>UserId: the Identity user id (the NameIdentifier claim), never the email, which can change. BPMN
/// assignees and candidate users (<c>${inventorId}</c>) hold these ids.</item>
/// <item>Groups: the user's roles, the codes of the committees they sit on, and <c>chair:CODE</c> for each committee they chair.</item>
/// <item>IsAdministrator: workflow administrators and system administrators (<see cref="Roles.EngineAdministrators"/>).</item>
/// </list>
/// Roles and committees are the current ones (see <see cref="CurrentAccountClaims"/>).
/// </summary>
public static class ActorFactory
{
    /// <summary>The actor for a signed-in user. Endpoints calling this require a policy (at least <see cref="Policies.SignedIn"/>).</summary>
    public static Actor FromPrincipal(ClaimsPrincipal user)
    {
        if (user.Identity is not { IsAuthenticated: true })
            throw new InvalidOperationException("No signed-in user: the endpoint must require an authorization policy before asking for the actor.");
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity.Name
            ?? throw new InvalidOperationException("The signed-in user has no id claim.");
        var roles = RolesOf(user);
        var groups = roles
            .Concat(user.FindAll(AccountClaims.Committee).Select(c => c.Value))
            .Concat(user.FindAll(AccountClaims.CommitteeChair).Select(c => GroupNames.ChairOf(c.Value)))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var administrator = roles.Any(r => Roles.EngineAdministrators.Contains(r, StringComparer.OrdinalIgnoreCase));
        return new Actor(userId, groups, administrator);
    }

    /// <summary>The user's roles, from the standard role claim or the identity's own role claim type.</summary>
    internal static IReadOnlyList<string> RolesOf(ClaimsPrincipal user) =>
        user.Claims.Where(c => c.Type == ClaimTypes.Role || c.Type == (user.Identity as ClaimsIdentity)?.RoleClaimType)
            .Select(c => c.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary><c>http.User.ToActor()</c> in endpoint handlers.</summary>
    public static Actor ToActor(this ClaimsPrincipal user) => FromPrincipal(user);
}

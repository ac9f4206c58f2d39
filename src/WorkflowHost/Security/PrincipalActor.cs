using System.Security.Claims;
using Workflows.Engine.Contracts;
using WorkflowHost.Identity;

namespace WorkflowHost.Security;

/// <summary>
/// The one place the API turns a signed-in user into the engine's <see cref="Actor"/>: the user id (the
/// NameIdentifier claim, else the Name), the roles as groups, and administrator for the engine's
/// administrator roles. (Interim: the accounts work brings an ActorFactory; the two are to be merged.)
/// </summary>
internal static class PrincipalActor
{
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity?.Name
                 ?? throw new InvalidOperationException("A signed-in user without an id or name.");
        var groups = user.FindAll(ClaimTypes.Role).Select(c => c.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var administrator = groups.Any(g => Roles.EngineAdministrators.Contains(g, StringComparer.OrdinalIgnoreCase));
        return new Actor(id, groups, administrator);
    }

    /// <summary>The same user without the administrator's rights: for actions only an assignee or candidate may take.</summary>
    public static Actor AsParticipant(this Actor actor) => actor with { IsAdministrator = false };
}

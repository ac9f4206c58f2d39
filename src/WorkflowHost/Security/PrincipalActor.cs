using Workflows.Engine.Contracts;

namespace WorkflowHost.Security;

/// <summary>
/// Helpers on the engine's <see cref="Actor"/>; a signed-in user becomes one only through <see cref="ActorFactory"/>
/// (the interim ToActor that stood here is merged into it).
/// </summary>
internal static class PrincipalActor
{
    /// <summary>The same user without the administrator's rights: for actions only an assignee or candidate may take.</summary>
    public static Actor AsParticipant(this Actor actor) => actor with { IsAdministrator = false };
}

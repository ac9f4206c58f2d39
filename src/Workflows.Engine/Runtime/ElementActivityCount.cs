namespace Workflows.Engine.Runtime;

/// <summary>
/// What waits at one element of a process, over its running instances: open user tasks, other waits (timers,
/// message subscriptions, service tasks waiting for a retry; counted per token) and open incidents.
/// </summary>
public sealed record ElementActivityCount(string ElementId, int OpenTasks, int Waiting, int OpenIncidents)
{
    /// <summary>Tokens held at the element: tasks, other waits and incidents together.</summary>
    public int Active => OpenTasks + Waiting + OpenIncidents;
}

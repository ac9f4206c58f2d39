using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Execution;

/// <summary>
/// Reachability between nodes of the same scope, computed once per definition: an inclusive join may fire
/// only when no other token of its scope can still reach it.
/// </summary>
internal sealed class ProcessGraph
{
    private readonly Dictionary<string, HashSet<string>> _reachable = new(StringComparer.Ordinal);

    public ProcessGraph(ProcessDefinition process)
    {
        foreach (var node in process.NodesById.Values)
            _reachable[node.Id] = Walk(node);
    }

    /// <summary>True when a token at <paramref name="fromId"/> can arrive at <paramref name="toId"/> by flows
    /// (through boundary events and through the inside of sub-processes it is part of).</summary>
    public bool CanReach(string fromId, string toId) =>
        _reachable.TryGetValue(fromId, out var set) && set.Contains(toId);

    private static HashSet<string> Walk(FlowNode start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<FlowNode>();
        Push(start);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            foreach (var flow in node.Outgoing) Push(flow.Target);
            if (node is Activity activity)
                foreach (var boundary in activity.BoundaryEvents) Push(boundary);
            // A token inside a sub-process reaches what follows the sub-process once it ends.
            if (node is EndEvent && node.Parent is { } sub) Push(sub);
        }
        return seen;

        void Push(FlowNode n)
        {
            if (seen.Add(n.Id)) stack.Push(n);
        }
    }
}

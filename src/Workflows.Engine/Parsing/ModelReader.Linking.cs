using Workflows.Engine.Model;

namespace Workflows.Engine.Parsing;

internal sealed partial class ModelReader
{
    /// <summary>Connects flows to their nodes (in the same scope only) and boundary events to their activities.</summary>
    private void Link(ProcessDefinition process)
    {
        LinkScope(process, process.Nodes, process.Flows, null);
        foreach (var boundary in process.NodesById.Values.OfType<BoundaryEvent>())
        {
            if (!process.NodesById.TryGetValue(boundary.AttachedToRef, out var target))
            {
                Suspect.Add(boundary);
                if (_refused.Contains(boundary.AttachedToRef)) continue; // the activity was refused, and said so

                Add(new BpmnDiagnostic(DiagnosticCodes.InvalidBoundaryEvent,
                    $"boundaryEvent '{boundary.Id}' is attached to '{boundary.AttachedToRef}', which is not an element of process '{process.Id}'.", boundary.Id, boundary.Location));
                continue;
            }
            if (target is not Activity activity)
            {
                Add(new BpmnDiagnostic(DiagnosticCodes.InvalidBoundaryEvent,
                    $"boundaryEvent '{boundary.Id}' is attached to {target}, which is not an activity.", boundary.Id, boundary.Location));
                continue;
            }
            if (activity.Parent != boundary.Parent)
            {
                Add(new BpmnDiagnostic(DiagnosticCodes.InvalidBoundaryEvent,
                    $"boundaryEvent '{boundary.Id}' must be drawn in the same scope as {activity}.", boundary.Id, boundary.Location));
                continue;
            }
            boundary.AttachedTo = activity;
            activity.BoundaryEvents.Add(boundary);
        }
    }

    private void LinkScope(ProcessDefinition process, List<FlowNode> nodes, List<SequenceFlow> flows, SubProcess? scope)
    {
        var local = nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        foreach (var flow in flows)
        {
            var ok = true;
            foreach (var (reference, role) in new[] { (flow.SourceRef, "source"), (flow.TargetRef, "target") })
            {
                if (local.ContainsKey(reference)) continue;
                ok = false;
                // The node at the other end lost a flow: the graph checks must not blame it for this one problem.
                var other = role == "source" ? flow.TargetRef : flow.SourceRef;
                if (local.TryGetValue(other, out var neighbour)) Suspect.Add(neighbour);
                if (_refused.Contains(reference)) continue; // the element was refused, and said so
                var message = string.IsNullOrEmpty(reference)
                    ? $"sequenceFlow '{flow.Id}' has no {role}Ref."
                    : process.NodesById.ContainsKey(reference)
                        ? $"sequenceFlow '{flow.Id}' connects to '{reference}' across a sub-process boundary; flows stay inside their sub-process."
                        : $"sequenceFlow '{flow.Id}' has the {role} '{reference}', which does not exist (a dangling flow).";
                var code = process.NodesById.ContainsKey(reference) ? DiagnosticCodes.FlowCrossesScope : DiagnosticCodes.DanglingFlow;
                Add(new BpmnDiagnostic(code, message, flow.Id, flow.Location));
            }
            if (!ok) continue;
            flow.Source = local[flow.SourceRef];
            flow.Target = local[flow.TargetRef];
            flow.Source.Outgoing.Add(flow);
            flow.Target.Incoming.Add(flow);
        }
        foreach (var sub in nodes.OfType<SubProcess>())
            LinkScope(process, sub.Nodes, sub.Flows, sub);
        _ = scope;
    }
}

namespace Workflows.Engine.Model;

/// <summary>A node of a process graph: an event, activity or gateway.</summary>
public abstract class FlowNode
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public SourceLocation Location { get; init; }

    /// <summary>The BPMN element name as written (e.g. "userTask"), for messages and history.</summary>
    public abstract string ElementType { get; }

    /// <summary>The sub-process that contains this node, or null at process level.</summary>
    public SubProcess? Parent { get; internal set; }

    public List<SequenceFlow> Incoming { get; } = new();
    public List<SequenceFlow> Outgoing { get; } = new();

    /// <summary>The outgoing flow taken when no condition holds (gateways and activities with conditional flows).</summary>
    public string? DefaultFlowId { get; init; }

    public override string ToString() => $"{ElementType} '{Id}'";
}

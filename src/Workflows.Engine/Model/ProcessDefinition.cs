namespace Workflows.Engine.Model;

/// <summary>One executable process parsed from a BPMN file: a graph of nodes and flows with sub-processes nested.</summary>
public sealed class ProcessDefinition
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    /// <summary>The name in other languages (<c>wf:name-zh-CN</c>); see <see cref="LocalizedNames"/>.</summary>
    public LocalizedNames LocalizedNames { get; init; } = LocalizedNames.None;
    public bool IsExecutable { get; init; } = true;
    public SourceLocation Location { get; init; }

    /// <summary>Top-level nodes (sub-process contents live in the sub-process).</summary>
    public List<FlowNode> Nodes { get; } = new();
    public List<SequenceFlow> Flows { get; } = new();

    /// <summary>Every node at any depth, by id (ids are unique per file).</summary>
    public Dictionary<string, FlowNode> NodesById { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SequenceFlow> FlowsById { get; } = new(StringComparer.Ordinal);

    public IEnumerable<StartEvent> StartEvents => Nodes.OfType<StartEvent>();

    /// <summary>The plain start event (no definition), if any: the one a "start instance" call uses.</summary>
    public StartEvent? NoneStartEvent => Nodes.OfType<StartEvent>().FirstOrDefault(s => s.Definition is null);

    public FlowNode GetNode(string id) =>
        NodesById.TryGetValue(id, out var n) ? n : throw new KeyNotFoundException($"No element '{id}' in process '{Id}'.");
}

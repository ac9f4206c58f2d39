namespace Workflows.Engine.Model;

/// <summary>A node of a process graph: an event, activity or gateway.</summary>
public abstract class FlowNode
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    /// <summary>The name in other languages (<c>wf:name-zh-CN</c>); see <see cref="LocalizedNames"/>.</summary>
    public LocalizedNames LocalizedNames { get; internal set; } = LocalizedNames.None;
    public SourceLocation Location { get; init; }

    /// <summary>The name as an expression when it holds <c>${...}</c> parts (<c>Review ${title}</c>); null for a plain name.</summary>
    public Expressions.CompiledExpression? NameExpression { get; init; }

    /// <summary>camunda:inputOutput input parameters: local variables of the node, set on entry (name -> expression).
    /// Read for every kind Camunda supports them on (tasks, sub-processes, call activities, intermediate, boundary and end events).</summary>
    public IReadOnlyList<VariableMapping> Inputs { get; internal set; } = Array.Empty<VariableMapping>();
    /// <summary>camunda:inputOutput output parameters: written to the enclosing scope when the node is left
    /// (expressions over the node's own scope, so they see its input parameters).</summary>
    public IReadOnlyList<VariableMapping> Outputs { get; internal set; } = Array.Empty<VariableMapping>();

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

using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution;

/// <summary>
/// One token at one element in one step: what every behavior and subscription works on. The node is the element
/// the work is about (the activity, or the boundary or catch event whose bookmark the token owns), so one value
/// travels where four parameters used to.
/// </summary>
internal readonly record struct NodeExecution(StepContext Step, InstanceContext Instance, Token Token, FlowNode Node)
{
    public DateTimeOffset Now => Step.Now;

    /// <summary>The same token and step, about another element (the event attached to its activity, the activity it waits in).</summary>
    public NodeExecution At(FlowNode node) => this with { Node = node };

    /// <summary>Another token of the same instance at the same element (the owner of a multi-instance body).</summary>
    public NodeExecution Of(Token token) => this with { Token = token };

    /// <summary>A line of the instance's history about this element and token.</summary>
    public void History(HistoryEventType type, string? data = null) =>
        Step.History(Instance, type, Node.Id, Node.ElementType, Token.Id, data);

    /// <summary>Whether the token is still where this execution put it (a throw or an interruption may have removed it).</summary>
    public bool TokenIsHere => !Instance.Ended && Instance.FindToken(Token.Id) is { } t && ReferenceEquals(t, Token) && t.NodeId == Node.Id;
}

using Workflows.Engine.Contracts;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution.Subscriptions;

/// <summary>
/// What one kind of event definition does, as bpmn-elements' <c>src/eventDefinitions/*.js</c>. The catch side opens a
/// subscription for a token (a bookmark it owns, durable in the store) and is told when it fires; the throw side throws
/// the event at an intermediate throw or end event. The element the event sits on (catch, boundary, throw or end event)
/// is the behavior's business; <see cref="BehaviorRegistry"/> picks the subscription by the definition's type.
/// </summary>
internal abstract class EventSubscription(Executor engine)
{
    protected Executor Engine { get; } = engine;

    /// <summary>The word for this kind of event in wait lists and migration reports ("timer", "message", "signal", ...).</summary>
    public abstract string Name { get; }

    /// <summary>Why the activity stops when an interrupting boundary event of this kind fires.</summary>
    public virtual InterruptReason Interrupts => InterruptReason.Cancel;

    /// <summary>Opens the subscription of the event at the execution's node for its token (the token waits at the node,
    /// at the event-based gateway before it, or runs the activity the node is attached to).</summary>
    /// <param name="view">the variables the definition's expressions see</param>
    /// <param name="since">when the wait began: now, or for a migrated token when it entered its activity</param>
    public abstract void Open(NodeExecution x, EventDefinition definition, VariableView view, DateTimeOffset since);

    /// <summary>The subscription fired for its token; the history says so. What follows is the element's behavior's.</summary>
    public virtual void Received(NodeExecution x, Bookmark bookmark)
    {
    }

    /// <summary>A non-interrupting boundary event fired and its activity goes on: listen again if this kind of event can
    /// come again (a timer cycle's next occurrence, the next signal).</summary>
    public virtual void Rearm(NodeExecution x, EventDefinition definition, Bookmark fired)
    {
    }

    /// <summary>Throws the event from an intermediate throw event; true when its token is still there and goes on.</summary>
    public virtual Task<bool> ThrowAsync(NodeExecution x, EventDefinition definition, CancellationToken ct) =>
        throw new InvalidOperationWorkflowException($"{x.Node} throws a {Name} event, which cannot be thrown.");

    /// <summary>Throws the event from an end event (whose leaving the history has said), then ends the token's path.</summary>
    public virtual async Task EndAsync(NodeExecution x, EventDefinition definition, CancellationToken ct)
    {
        if (await ThrowAsync(x, definition, ct) && x.TokenIsHere) Engine.ConsumeToken(x.Step, x.Instance, x.Token);
    }
}

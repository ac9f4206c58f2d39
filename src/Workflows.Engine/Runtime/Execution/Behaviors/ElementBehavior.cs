using Workflows.Engine.Contracts;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution.Behaviors;

/// <summary>
/// What one kind of BPMN element does, as Camunda's <c>*ActivityBehavior</c> classes: when a token arrives, which flows
/// it leaves by, when something it waits for fires, and, for a migration, what kind of waiting thing it is and how a
/// token moved onto it starts waiting again. One instance per kind, chosen by <see cref="BehaviorRegistry"/>.
/// </summary>
internal abstract class ElementBehavior(Executor engine)
{
    protected Executor Engine { get; } = engine;

    /// <summary>A token arrives: the history says so, its input mappings become its locals, then the element does its work.</summary>
    public virtual Task ArriveAsync(NodeExecution x, CancellationToken ct)
    {
        x.History(HistoryEventType.ActivityEntered);
        if (InputsAreTokenLocals) Engine.EnterLocals(x);
        return EnterAsync(x, ct);
    }

    /// <summary>Whether the input mappings are the token's locals while it is here (a sub-process keeps them in its scope instead).</summary>
    protected virtual bool InputsAreTokenLocals => true;

    /// <summary>The element's own work once a token has arrived (an element that runs code or reads the store overrides this).</summary>
    protected virtual Task EnterAsync(NodeExecution x, CancellationToken ct)
    {
        Enter(x);
        return Task.CompletedTask;
    }

    /// <summary>The element's own work, when it needs nothing asynchronous: by default it passes the token on.</summary>
    protected virtual void Enter(NodeExecution x) => Engine.Leave(x);

    /// <summary>The token leaves the element: outputs, bookmarks and locals are done with, and it follows <see cref="SelectOutgoing"/>.</summary>
    public virtual void Leave(NodeExecution x) => Engine.Depart(x);

    /// <summary>
    /// The flows a leaving token takes: every unconditional flow and every conditional one whose condition holds, or
    /// the default flow when none does (activities, events, the inclusive gateway). Null: no path, an incident was raised.
    /// </summary>
    public virtual IReadOnlyList<SequenceFlow>? SelectOutgoing(NodeExecution x) => Engine.ConditionalFlows(x, firstOnly: false);

    /// <summary>A bookmark of this element came due or was triggered, for the token that owns it.</summary>
    public virtual void Fired(NodeExecution x, Bookmark bookmark) =>
        throw new InvalidOperationWorkflowException($"{x.Node} does not wait for a {bookmark.Kind.ToString().ToLowerInvariant()}.");

    /// <summary>
    /// Opens what this element waits for, for a token that waits here or at the event-based gateway before it
    /// (<paramref name="since"/>: when the wait began, for a migrated timer). Only catch events wait so.
    /// </summary>
    public virtual void Subscribe(NodeExecution x, DateTimeOffset since)
    {
    }

    /// <summary>A joining token whose join waits for the rest of its scope (the inclusive gateway's): fires it when
    /// no other token can still arrive. Called when nothing else in the instance can move.</summary>
    public virtual bool TrySettle(NodeExecution x) => false;

    // ---------------------------------------------------------------- migration

    /// <summary>What a token waits for at this element, for the migration report (when it waits on no task, incident or called instance).</summary>
    public virtual string WaitKind(FlowNode node) => node.ElementType;

    /// <summary>What kind of waiting thing this element is: a waiting token, scope or bookmark may only move to an element of the same kind.</summary>
    public virtual string MigrationKind(FlowNode node) => node.ElementType;

    /// <summary>Beyond the kind, why something waiting at <paramref name="from"/> cannot wait at <paramref name="to"/>; null when it can.</summary>
    public virtual string? Incompatibility(FlowNode from, FlowNode to) => null;

    /// <summary>For an event whose bookmark a token owns while it waits elsewhere (a catch event after an event-based
    /// gateway, a boundary event): whether <paramref name="eventNode"/> is such an event for a token at <paramref name="tokenNode"/>.</summary>
    public virtual bool IsEventOf(FlowNode eventNode, FlowNode tokenNode) => tokenNode.Outgoing.Any(f => f.TargetRef == eventNode.Id);

    /// <summary>What an event must be for a token migrated to <paramref name="tokenNode"/>, said when it is not.</summary>
    public virtual string EventRequirement(FlowNode tokenNode) => $"it must be an event of the same kind after '{tokenNode.Id}'";

    /// <summary>A migration moved a waiting token onto this element (its old bookmarks are gone): open what it waits for
    /// again, as the element's definition says, counted from when the token entered its activity.</summary>
    public virtual void Reopen(NodeExecution x, Reopening reopening)
    {
    }
}

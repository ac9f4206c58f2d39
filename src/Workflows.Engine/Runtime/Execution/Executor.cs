using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime.Execution.Behaviors;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution;

/// <summary>
/// Moves tokens through a process until every one of them waits. The loop is here; what each element does is its
/// behavior's (<see cref="BehaviorRegistry"/>), and what each event definition does is its subscription's. The partial
/// files hold what behaviors share: values and variables, scopes and interruptions, incidents and notifications.
/// It only changes the in-memory state of a <see cref="StepContext"/>; the runtime commits it.
/// </summary>
internal sealed partial class Executor
{
    private readonly EvaluationContext _evaluation;

    public Executor(IReadOnlyDictionary<string, IServiceTaskHandler> handlers, WorkflowRuntimeOptions options, IBusinessCalendar calendar,
        TimeProvider clock)
    {
        Handlers = handlers;
        Options = options;
        Calendar = calendar;
        Clock = clock;
        _evaluation = new EvaluationContext
        {
            Clock = clock, MaxTextLength = options.MaxExpressionTextLength, MaxListLength = options.MaxExpressionListLength,
        };
        Registry = new BehaviorRegistry(this);
    }

    public IReadOnlyDictionary<string, IServiceTaskHandler> Handlers { get; }
    public WorkflowRuntimeOptions Options { get; }
    public IBusinessCalendar Calendar { get; }
    public TimeProvider Clock { get; }
    public BehaviorRegistry Registry { get; }

    /// <summary>Runs every ready token of every instance in the step until all wait or end.</summary>
    public async Task RunAsync(StepContext ctx, CancellationToken ct)
    {
        do
        {
            await RunReadyAsync(ctx, ct);
        } while (await FlushDeferredAsync(ctx, ct));
    }

    private async Task RunReadyAsync(StepContext ctx, CancellationToken ct)
    {
        bool progressed;
        do
        {
            progressed = false;
            foreach (var ic in ctx.Instances.ToList())
            {
                if (ic.Ended) continue;
                for (var token = NextReady(ic); token is not null; token = NextReady(ic))
                {
                    if (++ctx.NodeExecutions > Options.MaxNodeExecutionsPerStep)
                        throw new InvalidOperationWorkflowException(
                            $"Instance {ic.Id} ran {Options.MaxNodeExecutionsPerStep} elements in one step without waiting: is there a loop without a wait state?");
                    var node = ic.Process.GetNode(token.NodeId);
                    try
                    {
                        await Registry.For(node).ArriveAsync(new NodeExecution(ctx, ic, token, node), ct);
                    }
                    catch (NodeFailedException e)
                    {
                        RaiseIncident(new NodeExecution(ctx, ic, token, e.Node), e.Message, null);
                    }
                    progressed = true;
                    if (ic.Ended) break;
                }
                if (!ic.Ended && SettleJoins(ctx, ic)) progressed = true;
            }
        } while (progressed);
    }

    private static Token? NextReady(InstanceContext ic)
    {
        foreach (var t in ic.State.Tokens)
            if (t.Status == TokenStatus.Ready) return t;
        return null;
    }

    /// <summary>Joins that wait for the rest of their scope are decided when nothing else in the instance can move.</summary>
    private bool SettleJoins(StepContext ctx, InstanceContext ic)
    {
        var fired = false;
        foreach (var waiting in ic.State.Tokens.Where(t => t.Status == TokenStatus.Joining).ToList())
        {
            if (!ic.State.Tokens.Contains(waiting)) continue;
            var node = ic.Process.GetNode(waiting.NodeId);
            if (Registry.For(node).TrySettle(new NodeExecution(ctx, ic, waiting, node))) fired = true;
        }
        return fired;
    }

    /// <summary>Runs a due or triggered bookmark of the instance (a timer, a message, a signal, a reminder, a retry):
    /// the behavior of its element decides what happens.</summary>
    internal void Fire(StepContext ctx, InstanceContext ic, Token token, Bookmark bookmark)
    {
        token.Bookmarks?.Remove(bookmark.Id);
        ctx.RemoveBookmark(bookmark.Id);
        var node = ic.Process.GetNode(bookmark.ElementId);
        var x = new NodeExecution(ctx, ic, token, node);
        try
        {
            Registry.For(node).Fired(x, bookmark);
        }
        catch (NodeFailedException e)
        {
            RaiseIncident(x.At(e.Node), e.Message, null);
        }
    }

    /// <summary>Leaves a node: its behavior finishes it (a multi-instance item completes its item instead) and the token moves on.</summary>
    internal void Leave(NodeExecution x) => Registry.For(x.Node).Leave(x);

    /// <summary>Leaves a node outside the token loop (a completed task): a failure there becomes an incident at the node.</summary>
    internal void LeaveOrRaiseIncident(NodeExecution x)
    {
        try
        {
            Leave(x);
        }
        catch (NodeFailedException e)
        {
            RaiseIncident(x.At(e.Node), e.Message, null);
        }
    }

    /// <summary>What every element does when its token leaves: outputs, locals, incident and bookmarks are done with,
    /// the history says so, and the token follows the flows the element's behavior chooses.</summary>
    internal void Depart(NodeExecution x)
    {
        var (ctx, ic, token, node) = x;
        ApplyOutputs(x);
        token.Locals = null;
        ResolveIncident(ctx, ic, token, "its activity was left");
        ClearBookmarks(ctx, token);
        token.TaskId = null;
        token.ChildInstanceId = null;
        x.History(HistoryEventType.ActivityLeft);
        TakeOutgoing(x, Registry.For(node).SelectOutgoing(x));
    }

    /// <summary>Moves the token along the first flow and clones it for the others; no flow ends the token.</summary>
    internal void TakeOutgoing(NodeExecution x, IReadOnlyList<SequenceFlow>? flows)
    {
        var (ctx, ic, token, _) = x;
        if (flows is null) return; // an incident was raised: the token stays
        if (flows.Count == 0)
        {
            ConsumeToken(ctx, ic, token);
            return;
        }
        Move(token, flows[0]);
        for (var i = 1; i < flows.Count; i++)
        {
            var clone = ic.NewToken(flows[i].TargetRef, token.ScopeId);
            clone.ArrivedVia = flows[i].Id;
        }
    }

    private static void Move(Token token, SequenceFlow flow)
    {
        token.NodeId = flow.TargetRef;
        token.ArrivedVia = flow.Id;
        token.Status = TokenStatus.Ready;
    }

    /// <summary>
    /// The flows whose condition holds (unconditional ones always do), or the default flow when none does; with
    /// <paramref name="firstOnly"/>, the first of them. Null: no path, incident raised.
    /// </summary>
    internal IReadOnlyList<SequenceFlow>? ConditionalFlows(NodeExecution x, bool firstOnly)
    {
        var node = x.Node;
        var outgoing = node.Outgoing;
        if (outgoing.Count == 0) return Array.Empty<SequenceFlow>();
        var view = View(x);
        var taken = new List<SequenceFlow>(firstOnly ? 1 : outgoing.Count);
        foreach (var flow in outgoing)
        {
            if (flow.Id == node.DefaultFlowId || (flow.Condition is not null && !Condition(flow.Condition, view, node))) continue;
            taken.Add(flow);
            if (firstOnly) break;
        }
        return taken.Count > 0 ? taken : DefaultFlow(x);
    }

    /// <summary>The default flow when no condition held; without one, an incident at the node (null).</summary>
    private IReadOnlyList<SequenceFlow>? DefaultFlow(NodeExecution x)
    {
        var node = x.Node;
        var fallback = node.Outgoing.FirstOrDefault(f => f.Id == node.DefaultFlowId);
        if (fallback is not null) return [fallback];
        RaiseIncident(x, $"{node} found no outgoing flow whose condition holds, and has no default flow.", null);
        return null;
    }

    internal bool Condition(CompiledExpression condition, IVariableScope view, FlowNode node)
    {
        try
        {
            return condition.EvaluateCondition(view, _evaluation);
        }
        catch (ExpressionEvaluationException e)
        {
            throw new ExpressionFailedException(node, condition.Text, e.Message);
        }
    }

    /// <summary>Removes a token that reached its end, then completes its scope if that was the last one.</summary>
    internal void ConsumeToken(StepContext ctx, InstanceContext ic, Token token)
    {
        ResolveIncident(ctx, ic, token, "its path ended");
        ClearBookmarks(ctx, token);
        ic.State.Tokens.Remove(token);
        CompleteScopeIfEmpty(ctx, ic, token.ScopeId);
    }

    internal static void ClearBookmarks(StepContext ctx, Token token)
    {
        if (token.Bookmarks is null) return;
        foreach (var id in token.Bookmarks) ctx.RemoveBookmark(id);
        token.Bookmarks = null;
    }

    /// <summary>Adds a bookmark to the step, owned by the token (it goes when the token moves on).</summary>
    internal static void AddBookmark(NodeExecution x, Bookmark bookmark)
    {
        x.Step.AddBookmark(bookmark);
        (x.Token.Bookmarks ??= new()).Add(bookmark.Id);
    }

    /// <summary>
    /// The events attached to an activity start listening, owned by the token that runs it: each boundary event's
    /// subscription opens (a timer counted from <paramref name="since"/>; <c>${dueDate}</c> is the task's due date).
    /// </summary>
    internal void OpenBoundaryEvents(NodeExecution x, Activity activity, DateTimeOffset? due, DateTimeOffset since)
    {
        if (activity.BoundaryEvents.Count == 0) return;
        var extra = due is { } d ? new Dictionary<string, object?> { ["dueDate"] = d } : null;
        var view = View(x.Instance, x.Token, extra: extra);
        foreach (var boundary in activity.BoundaryEvents)
            Registry.For(boundary.Definition).Open(x.At(boundary), boundary.Definition, view, since);
    }

    /// <summary>The token a multi-instance item runs in, or null when the token runs the activity itself.</summary>
    internal static ScopeState? MultiInstanceItemScope(InstanceContext ic, Token token, Activity activity)
    {
        if (activity.MultiInstance is null) return null;
        var scope = ic.FindScope(token.ScopeId);
        return scope is { Kind: ScopeKind.MultiInstanceItem } && scope.NodeId == activity.Id ? scope : null;
    }

    internal VariableView View(NodeExecution x, JsonObject? overlay = null) => View(x.Instance, x.Token, overlay);

    internal VariableView View(InstanceContext ic, Token token, JsonObject? overlay = null,
        IReadOnlyDictionary<string, object?>? extra = null) =>
        new(ic.State, token.ScopeId, overlay ?? token.Locals, extra);

    internal static string Json<T>(T value) => JsonSerializer.Serialize(value, EngineJson.Options);
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution;

/// <summary>
/// Moves tokens through a process until every one of them waits: the BPMN semantics of each element.
/// Split by concern into partial files (tasks, gateways, events, scopes, multi-instance, values).
/// It only changes the in-memory state of a <see cref="StepContext"/>; the runtime commits it.
/// </summary>
internal sealed partial class Executor(
    IReadOnlyDictionary<string, IServiceTaskHandler> handlers,
    WorkflowRuntimeOptions options,
    IBusinessCalendar calendar,
    TimeProvider clock)
{
    private readonly EvaluationContext _evaluation = new()
    {
        Clock = clock, MaxTextLength = options.MaxExpressionTextLength, MaxListLength = options.MaxExpressionListLength,
    };

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
                    if (++ctx.NodeExecutions > options.MaxNodeExecutionsPerStep)
                        throw new InvalidOperationWorkflowException(
                            $"Instance {ic.Id} ran {options.MaxNodeExecutionsPerStep} elements in one step without waiting: is there a loop without a wait state?");
                    try
                    {
                        await ExecuteNodeAsync(ctx, ic, token, ct);
                    }
                    catch (NodeFailedException e)
                    {
                        RaiseIncident(ctx, ic, token, e.Node, e.Message, null);
                    }
                    progressed = true;
                    if (ic.Ended) break;
                }
                if (!ic.Ended && TryFireInclusiveJoins(ctx, ic)) progressed = true;
            }
        } while (progressed);
    }

    private static Token? NextReady(InstanceContext ic)
    {
        foreach (var t in ic.State.Tokens)
            if (t.Status == TokenStatus.Ready) return t;
        return null;
    }

    private async Task ExecuteNodeAsync(StepContext ctx, InstanceContext ic, Token token, CancellationToken ct)
    {
        var node = ic.Process.GetNode(token.NodeId);
        if (node is Activity { MultiInstance: not null } mia && !IsMultiInstanceItem(ic, token, mia))
        {
            EnterMultiInstanceBody(ctx, ic, token, mia);
            return;
        }

        ctx.History(ic, HistoryEventType.ActivityEntered, node.Id, node.ElementType, token.Id);
        // Input mappings are the node's locals while the token is there (a sub-process keeps them in its scope).
        if (node is not SubProcess) EnterLocals(ic, token, node);
        switch (node)
        {
            case PassThroughTask:
            case StartEvent:
            case IntermediateThrowEvent:
            case BoundaryEvent:
                Leave(ctx, ic, token, node);
                break;
            case EndEvent end:
                End(ctx, ic, token, end);
                break;
            case UserTask userTask:
                CreateUserTask(ctx, ic, token, userTask);
                break;
            case ServiceTask serviceTask:
                await RunServiceTaskAsync(ctx, ic, token, serviceTask, ct);
                break;
            case SendTask sendTask:
                Send(ctx, ic, token, sendTask);
                Leave(ctx, ic, token, node);
                break;
            case ExclusiveGateway or InclusiveGateway or ParallelGateway:
                ArriveAtGateway(ctx, ic, token, node);
                break;
            case EventBasedGateway gateway:
                WaitAtEventGateway(ctx, ic, token, gateway);
                break;
            case IntermediateCatchEvent catchEvent:
                token.Status = TokenStatus.Waiting;
                OpenCatch(ctx, ic, token, catchEvent);
                break;
            case SubProcess subProcess:
                EnterSubProcess(ctx, ic, token, subProcess);
                break;
            case CallActivity callActivity:
                await CallAsync(ctx, ic, token, callActivity, ct);
                break;
            default:
                throw new InvalidOperationWorkflowException($"{node} cannot be executed.");
        }
    }

    /// <summary>Leaves a node: finishes the activity (outputs, its bookmarks) and follows the chosen flows.</summary>
    internal void Leave(StepContext ctx, InstanceContext ic, Token token, FlowNode node)
    {
        if (node is Activity { MultiInstance: not null } activity && IsMultiInstanceItem(ic, token, activity))
        {
            CompleteMultiInstanceItem(ctx, ic, token, activity);
            return;
        }
        ApplyOutputs(ic, token, node);
        token.Locals = null;
        ResolveIncident(ctx, ic, token, "its activity was left");
        ClearBookmarks(ctx, token);
        token.TaskId = null;
        token.ChildInstanceId = null;
        ctx.History(ic, HistoryEventType.ActivityLeft, node.Id, node.ElementType, token.Id);
        TakeOutgoing(ctx, ic, token, node, SelectOutgoing(ctx, ic, token, node));
    }

    /// <summary>Leaves a node outside the token loop (a completed task): a failure there becomes an incident at the node.</summary>
    internal void LeaveOrRaiseIncident(StepContext ctx, InstanceContext ic, Token token, FlowNode node)
    {
        try
        {
            Leave(ctx, ic, token, node);
        }
        catch (NodeFailedException e)
        {
            RaiseIncident(ctx, ic, token, e.Node, e.Message, null);
        }
    }

    /// <summary>Moves the token along the first flow and clones it for the others; no flow ends the token.</summary>
    private void TakeOutgoing(StepContext ctx, InstanceContext ic, Token token, FlowNode node, IReadOnlyList<SequenceFlow>? flows)
    {
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
    /// Which flows leave a node: gateways by their rules; other nodes take every unconditional flow and every
    /// conditional one whose condition holds, or the default flow when none does. Null: no path, incident raised.
    /// </summary>
    private IReadOnlyList<SequenceFlow>? SelectOutgoing(StepContext ctx, InstanceContext ic, Token token, FlowNode node)
    {
        var outgoing = node.Outgoing;
        if (outgoing.Count == 0) return Array.Empty<SequenceFlow>();
        if (node is ParallelGateway) return outgoing;
        var view = View(ic, token);
        if (node is ExclusiveGateway)
        {
            foreach (var flow in outgoing)
                if (flow.Id != node.DefaultFlowId && (flow.Condition is null || Condition(flow.Condition, view, node)))
                    return [flow];
            return DefaultFlow(ctx, ic, token, node);
        }

        var taken = new List<SequenceFlow>(outgoing.Count);
        foreach (var flow in outgoing)
            if (flow.Id != node.DefaultFlowId && (flow.Condition is null || Condition(flow.Condition, view, node)))
                taken.Add(flow);
        return taken.Count > 0 ? taken : DefaultFlow(ctx, ic, token, node);
    }

    /// <summary>The default flow when no condition held; without one, an incident at the node (null).</summary>
    private IReadOnlyList<SequenceFlow>? DefaultFlow(StepContext ctx, InstanceContext ic, Token token, FlowNode node)
    {
        var fallback = node.Outgoing.FirstOrDefault(f => f.Id == node.DefaultFlowId);
        if (fallback is not null) return [fallback];
        RaiseIncident(ctx, ic, token, node, $"{node} found no outgoing flow whose condition holds, and has no default flow.", null);
        return null;
    }

    private bool Condition(CompiledExpression condition, IVariableScope view, FlowNode node)
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

    private void ClearBookmarks(StepContext ctx, Token token)
    {
        if (token.Bookmarks is null) return;
        foreach (var id in token.Bookmarks) ctx.RemoveBookmark(id);
        token.Bookmarks = null;
    }

    private static void Own(Token token, Bookmark bookmark) => (token.Bookmarks ??= new()).Add(bookmark.Id);

    internal VariableView View(InstanceContext ic, Token token, JsonObject? overlay = null,
        IReadOnlyDictionary<string, object?>? extra = null) =>
        new(ic.State, token.ScopeId, overlay ?? token.Locals, extra);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, EngineJson.Options);
}

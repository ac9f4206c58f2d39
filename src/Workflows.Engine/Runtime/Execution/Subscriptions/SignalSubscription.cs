using System.Text.Json.Nodes;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution.Subscriptions;

/// <summary>
/// Signals, as Camunda 7 and bpmn-elements broadcast them: a throw reaches every subscription of the signal's name
/// that exists at that moment, in every instance, and starts an instance of each process whose latest published
/// version has a signal start event of that name. Subscriptions are bookmarks in the store, so a signal reaches an
/// instance that waits on another host or since before a restart. A throw delivers in its own step (its receivers move
/// and commit with it, or not at all); a non-interrupting boundary signal listens on while its activity runs.
/// </summary>
internal sealed class SignalSubscription(Executor engine) : EventSubscription<SignalEventDefinition>(engine)
{
    public override string Name => "signal";

    public override InterruptReason Interrupts => InterruptReason.Signal;

    protected override void Open(NodeExecution x, SignalEventDefinition signal, VariableView view, DateTimeOffset since) =>
        Subscribe(x, SignalName(signal, view, x.Node));

    public override void Received(NodeExecution x, Bookmark bookmark) =>
        x.History(HistoryEventType.SignalReceived, Executor.Json(new { signal = bookmark.MessageName }));

    protected override void Rearm(NodeExecution x, SignalEventDefinition signal, Bookmark fired) => Subscribe(x, fired.MessageName!);

    /// <summary>Broadcasts the signal with its payload; the throwing token goes on unless a receiver interrupted it
    /// (a boundary signal on the sub-process the throw is in).</summary>
    protected override async Task<bool> ThrowAsync(NodeExecution x, SignalEventDefinition signal, CancellationToken ct)
    {
        var view = Engine.View(x.Instance, x.Token);
        var name = SignalName(signal, view, x.Node);
        var payload = Payload(x, signal, view);
        x.History(HistoryEventType.SignalThrown, Executor.Json(new { signal = name, variables = payload?.Select(p => p.Key) }));
        await BroadcastAsync(x.Step, name, payload, signal.PassBusinessKey ? x.Instance.Instance.BusinessKey : null, ct);
        return x.TokenIsHere;
    }

    /// <summary>
    /// Delivers a signal in the step: every subscription of the name that exists now (in the store and not removed by
    /// this step, or opened earlier in it) fires for its token, with the variables set where they live; then the latest
    /// version of each process with a signal start event of that name starts. Returns how many instances it reached.
    /// </summary>
    internal async Task<int> BroadcastAsync(StepContext ctx, string name, JsonObject? variables, string? businessKey, CancellationToken ct)
    {
        var stored = await ctx.Store.FindSignalSubscriptionsAsync(name, ct);
        var subscriptions = stored.Where(b => !ctx.Changes.DeletedBookmarks.Contains(b.Id))
            .Concat(ctx.Changes.InsertedBookmarks.Where(b => b.Kind == BookmarkKind.Signal && b.MessageName == name))
            .ToList();
        var reached = new HashSet<Guid>();
        foreach (var subscription in subscriptions)
        {
            var ic = await ctx.LoadInstanceAsync(subscription.InstanceId, ct);
            var token = ic.FindToken(subscription.TokenId);
            // An earlier delivery of this signal may have moved the token on (two events after one gateway, a terminate).
            if (ic.Ended || token is null || token.Bookmarks?.Contains(subscription.Id) != true) continue;
            if (variables is not null)
                foreach (var (k, v) in variables) Engine.SetVariable(ic, token, k, v?.DeepClone());
            Engine.Fire(ctx, ic, token, subscription);
            reached.Add(ic.Id);
        }
        foreach (var (definition, process) in await ctx.Definitions.LatestPublishedAsync(ct))
        {
            var start = process.StartEvents.FirstOrDefault(s => s.Definition is SignalEventDefinition signal && StartName(signal, s) == name);
            if (start is null) continue;
            var started = Engine.StartInstance(ctx, definition, process, (JsonObject?)variables?.DeepClone(), businessKey, ctx.Actor, start: start);
            reached.Add(started.Id);
        }
        return reached.Count;
    }

    private static void Subscribe(NodeExecution x, string name) =>
        Executor.AddBookmark(x, new Bookmark
        {
            Id = Guid.NewGuid(), InstanceId = x.Instance.Id, TokenId = x.Token.Id, ElementId = x.Node.Id,
            Kind = BookmarkKind.Signal, MessageName = name, CreatedAt = x.Now,
        });

    private string SignalName(SignalEventDefinition signal, VariableView view, FlowNode node) =>
        signal.NameExpression is { } expression ? Engine.Text(expression, view, node) ?? "" : signal.SignalName;

    /// <summary>A start event's signal name: a <c>${...}</c> part sees no variables (none exist before the start).</summary>
    private string? StartName(SignalEventDefinition signal, FlowNode start)
    {
        try
        {
            return SignalName(signal, new VariableView(new InstanceState(), null), start);
        }
        catch (NodeFailedException)
        {
            return null;
        }
    }

    /// <summary>What a throw sends (<c>camunda:in</c>): all visible variables or only the event's locals, then the named values.</summary>
    private JsonObject? Payload(NodeExecution x, SignalEventDefinition signal, VariableView view)
    {
        if (!signal.InAll && signal.InMappings.Count == 0) return null;
        var payload = !signal.InAll ? new JsonObject()
            : signal.InLocalOnly ? (JsonObject?)x.Token.Locals?.DeepClone() ?? new JsonObject()
            : view.Snapshot();
        foreach (var mapping in signal.InMappings)
            payload[mapping.Target] = Engine.MappedValue(mapping, view, x.Node);
        return payload;
    }
}

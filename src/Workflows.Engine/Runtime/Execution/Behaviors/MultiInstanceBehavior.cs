using System.Text.Json.Nodes;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution.Behaviors;

/// <summary>
/// Multi-instance activities, as Camunda's <c>MultiInstanceActivityBehavior</c> wraps any activity: a body scope
/// (nrOfInstances, nrOfActiveInstances, nrOfCompletedInstances and the output collection) with one item scope per
/// element (the element variable and loopCounter), run all at once (parallel) or one after another (sequential),
/// until all are done or the completion condition holds. Each item's token runs the activity's own behavior.
/// </summary>
internal sealed class MultiInstanceBehavior(Executor engine)
{
    /// <summary>A token arrives at a multi-instance activity: it owns the body, and an item token starts per element.</summary>
    public void EnterBody(NodeExecution x, Activity activity)
    {
        var (_, ic, token, _) = x;
        var mi = activity.MultiInstance!;
        var view = engine.View(ic, token);
        var items = new List<JsonNode?>();
        if (mi.Collection is not null)
        {
            var value = engine.Evaluate(mi.Collection, view, activity);
            switch (value)
            {
                case null: break;
                case IReadOnlyList<object?> list:
                    items.AddRange(list.Select(ExpressionValues.ToJson));
                    break;
                case string text:
                    items.AddRange(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => (JsonNode?)JsonValue.Create(s)));
                    break;
                default:
                    throw new ExpressionFailedException(activity, mi.CollectionText ?? "", $"the collection is a {value.GetType().Name}, not a list");
            }
        }
        else if (mi.LoopCardinality is not null)
        {
            var count = engine.Number(mi.LoopCardinality, view, activity) ?? 0;
            for (var i = 0; i < count; i++) items.Add(null);
        }

        x.History(HistoryEventType.ActivityEntered,
            Executor.Json(new { multiInstance = mi.IsSequential ? "sequential" : "parallel", instances = items.Count }));
        var body = new ScopeState
        {
            Id = ic.State.NewId("s"), Kind = ScopeKind.MultiInstanceBody, NodeId = activity.Id,
            ParentScopeId = token.ScopeId, OwnerTokenId = token.Id, Instances = items.Count,
        };
        if (mi.OutputCollection is { } output)
            body.Variables[output] = new JsonArray(items.Select(_ => (JsonNode?)null).ToArray());
        ic.State.Scopes.Add(body);
        token.Status = TokenStatus.InScope;
        engine.OpenBoundaryEvents(x, activity, null, x.Now);
        UpdateCounters(body);

        if (items.Count == 0)
        {
            CompleteBody(x, body, activity);
            return;
        }
        if (mi.IsSequential)
        {
            body.PendingItems = new JsonArray(items.Skip(1).Select(i => i?.DeepClone()).ToArray());
            StartItem(ic, body, activity, items[0], 0);
        }
        else
        {
            for (var i = 0; i < items.Count; i++) StartItem(ic, body, activity, items[i], i);
        }
        UpdateCounters(body);
    }

    private static void StartItem(InstanceContext ic, ScopeState body, Activity activity, JsonNode? item, int index)
    {
        var scope = new ScopeState
        {
            Id = ic.State.NewId("s"), Kind = ScopeKind.MultiInstanceItem, NodeId = activity.Id,
            ParentScopeId = body.Id, OwnerTokenId = body.OwnerTokenId, LoopCounter = index,
        };
        scope.Variables["loopCounter"] = index;
        if (activity.MultiInstance!.ElementVariable is { } name) scope.Variables[name] = item?.DeepClone();
        ic.State.Scopes.Add(scope);
        ic.NewToken(activity.Id, scope.Id);
        body.Active++;
    }

    private static void UpdateCounters(ScopeState body)
    {
        body.Variables["nrOfInstances"] = body.Instances;
        body.Variables["nrOfActiveInstances"] = body.Active;
        body.Variables["nrOfCompletedInstances"] = body.Completed;
    }

    /// <summary>An item's token leaves the activity: its result is collected, and the body completes when all items
    /// are done or the completion condition holds (the rest are cancelled); a sequential body starts the next item.</summary>
    public void CompleteItem(NodeExecution x, Activity activity)
    {
        var (ctx, ic, token, _) = x;
        var mi = activity.MultiInstance!;
        var item = ic.FindScope(token.ScopeId)!;
        var body = ic.FindScope(item.ParentScopeId)!;

        if (mi.OutputCollection is { } output && body.Variables[output] is JsonArray collected && item.LoopCounter < collected.Count)
        {
            JsonNode? result;
            if (mi.OutputElement is not null)
                result = ExpressionValues.ToJson(engine.Evaluate(mi.OutputElement, engine.View(ic, token), activity));
            else
            {
                // By default an item's result is what it set locally (e.g. the fields of a vote), bar the loop variables.
                var fields = new JsonObject();
                foreach (var (k, v) in item.Variables)
                    if (k != "loopCounter" && k != mi.ElementVariable) fields[k] = v?.DeepClone();
                result = fields;
            }
            collected[item.LoopCounter] = result;
        }

        engine.ResolveIncident(ctx, ic, token, "its activity was left");
        Executor.ClearBookmarks(ctx, token);
        x.History(HistoryEventType.ActivityLeft, Executor.Json(new { loopCounter = item.LoopCounter }));
        ic.State.Tokens.Remove(token);
        foreach (var nested in ic.State.Scopes.Where(s => s.ParentScopeId == item.Id).ToList()) engine.CancelScope(ctx, ic, nested, InterruptReason.Cancel);
        ic.State.Scopes.Remove(item);
        body.Active--;
        body.Completed++;
        UpdateCounters(body);

        var done = body.Completed >= body.Instances;
        if (!done && mi.CompletionCondition is not null &&
            engine.Condition(mi.CompletionCondition, new VariableView(ic.State, body.Id), activity))
        {
            // Enough: the remaining items (e.g. votes not cast once a majority is reached) are cancelled.
            foreach (var open in ic.State.Scopes.Where(s => s.ParentScopeId == body.Id && s.Kind == ScopeKind.MultiInstanceItem).ToList())
                engine.CancelScope(ctx, ic, open, InterruptReason.Cancel);
            body.Active = 0;
            UpdateCounters(body);
            done = true;
        }

        if (done)
        {
            CompleteBody(x.Of(ic.FindToken(body.OwnerTokenId)!), body, activity);
            return;
        }
        if (mi.IsSequential && body.PendingItems is { Count: > 0 } pending)
        {
            var next = pending[0]?.DeepClone();
            pending.RemoveAt(0);
            StartItem(ic, body, activity, next, body.Completed);
            UpdateCounters(body);
        }
    }

    /// <summary>The body's owner leaves the activity: the output collection is copied out and the activity's flows are taken.</summary>
    private void CompleteBody(NodeExecution owner, ScopeState body, Activity activity)
    {
        var (ctx, ic, token, _) = owner;
        if (activity.MultiInstance!.OutputCollection is { } output)
            engine.SetVariable(ic, token.ScopeId, output, body.Variables[output]?.DeepClone());
        ic.State.Scopes.Remove(body);
        token.Status = TokenStatus.Ready;
        engine.ApplyOutputs(owner);
        Executor.ClearBookmarks(ctx, token);
        owner.History(HistoryEventType.ActivityLeft,
            Executor.Json(new { multiInstance = "completed", completed = body.Completed, instances = body.Instances }));
        engine.TakeOutgoing(owner, engine.Registry.For(activity).SelectOutgoing(owner));
    }
}

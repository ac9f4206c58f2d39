using System.Text.Json;
using Workflows.Engine.Contracts;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime.Execution;
using Workflows.Engine.Runtime.Execution.Behaviors;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Migration;

/// <summary>
/// Migration of running instances to another published version of their process, with an explicit activity
/// mapping. Only waiting state moves: tokens, scopes, tasks (same id, assignee, candidates, due date and
/// variables) and bookmarks (timers and reminders re-created from the target's definition, counted from when the
/// activity was entered). Nothing that completed runs again. A plan is the migration itself run on copies that are
/// never committed; what kind of waiting thing an element is, and how it waits again, its behavior says.
/// </summary>
internal sealed class InstanceMigrator(IWorkflowStore store, DefinitionCache definitions, Executor executor)
{
    public async Task<MigrationPlan> MigrateInStepAsync(StepContext ctx, MigrationRequest request, CancellationToken ct)
    {
        var targetRecord = await store.GetDefinitionAsync(WorkflowDefinitionRecord.MakeId(request.ProcessId, request.TargetVersion), ct);
        if (targetRecord is null || targetRecord.Status != DefinitionStatus.Published)
            throw new NotFoundException("Published process", $"{request.ProcessId}:{request.TargetVersion}");
        var target = definitions.Add(targetRecord);
        var mapping = request.Mapping ?? new Dictionary<string, string>();
        var global = new List<MigrationProblem>();
        foreach (var (from, to) in mapping)
            if (!target.NodesById.ContainsKey(to))
                global.Add(new MigrationProblem(null, MigrationProblemCodes.UnknownTargetElement, to,
                    $"The mapping {from} -> {to} names '{to}', which is not an element of {targetRecord.Id}."));

        var instances = new List<InstanceContext>();
        var plans = new List<InstanceMigrationPlan>();
        foreach (var selected in await SelectInstancesAsync(ctx, request, ct))
        {
            if (selected.Problem is { } problem)
            {
                plans.Add(new InstanceMigrationPlan(selected.Id, null, 0, [], [problem]));
                continue;
            }
            instances.Add(selected.Ic!);
        }

        // A mapped element that exists in none of the source versions is a typo, not a no-op.
        var sources = instances.Select(i => i.Process).Distinct().ToList();
        foreach (var from in mapping.Keys)
            if (sources.Count > 0 && sources.All(p => !p.NodesById.ContainsKey(from)))
                global.Add(new MigrationProblem(null, MigrationProblemCodes.UnknownSourceElement, from,
                    $"The mapping names '{from}', which is not an element of the version(s) being migrated."));

        foreach (var ic in instances)
        {
            var history = await store.GetHistoryAsync(ic.Id, ct);
            plans.Add(await MigrateInstanceAsync(ctx, ic, targetRecord, target, mapping, history, ct));
        }
        return new MigrationPlan(request.ProcessId, request.TargetVersion, targetRecord.Id, plans, global);
    }

    private sealed record Selected(Guid Id, InstanceContext? Ic, MigrationProblem? Problem);

    private async Task<List<Selected>> SelectInstancesAsync(StepContext ctx, MigrationRequest request, CancellationToken ct)
    {
        var ids = request.InstanceIds?.Distinct().ToList();
        if (ids is null)
        {
            ids = new List<Guid>();
            for (var skip = 0; ; skip += 500)
            {
                var page = await store.QueryInstancesAsync(new InstanceQuery
                {
                    ProcessId = request.ProcessId, DefinitionVersion = request.SourceVersion, Status = InstanceStatus.Running,
                    Skip = skip, Take = 500,
                }, ct);
                ids.AddRange(page.Where(i => i.DefinitionVersion != request.TargetVersion).Select(i => i.Id));
                if (page.Count < 500) break;
            }
        }
        var selected = new List<Selected>();
        foreach (var id in ids)
        {
            var instance = await store.GetInstanceAsync(id, ct);
            MigrationProblem? problem = instance switch
            {
                null => new(id, MigrationProblemCodes.UnknownInstance, null, $"Instance {id} does not exist."),
                { ProcessId: var p } when p != request.ProcessId =>
                    new(id, MigrationProblemCodes.WrongProcess, null, $"Instance {id} runs process '{p}', not '{request.ProcessId}'."),
                { Status: not InstanceStatus.Running } =>
                    new(id, MigrationProblemCodes.NotRunning, null, $"Instance {id} is {instance.Status.ToString().ToLowerInvariant()}, not running."),
                { DefinitionVersion: var v } when v == request.TargetVersion =>
                    new(id, MigrationProblemCodes.AlreadyOnTarget, null, $"Instance {id} already runs version {v}."),
                { DefinitionVersion: var v } when request.SourceVersion is { } sv && v != sv =>
                    new(id, MigrationProblemCodes.WrongProcess, null, $"Instance {id} runs version {v}, not version {sv}."),
                _ => null,
            };
            selected.Add(problem is null ? new Selected(id, await ctx.LoadInstanceAsync(id, ct), null) : new Selected(id, null, problem));
        }
        return selected;
    }

    /// <summary>Checks every waiting thing of one instance against the target, then (if nothing stops it) moves it.</summary>
    private async Task<InstanceMigrationPlan> MigrateInstanceAsync(StepContext ctx, InstanceContext ic, WorkflowDefinitionRecord targetRecord,
        ProcessDefinition target, IReadOnlyDictionary<string, string> mapping, IReadOnlyList<HistoryEntry> history, CancellationToken ct)
    {
        var source = ic.Process;
        var problems = new List<MigrationProblem>();
        var moves = new List<MigrationMove>();
        var bookmarks = (await store.GetBookmarksOfInstanceAsync(ic.Id, ct)).ToDictionary(b => b.Id);

        string? Map(string sourceId) =>
            mapping.TryGetValue(sourceId, out var to) ? to : target.NodesById.ContainsKey(sourceId) ? sourceId : null;
        FlowNode? TargetOf(string sourceId, string what)
        {
            var to = Map(sourceId);
            if (to is null)
            {
                problems.Add(new MigrationProblem(ic.Id, MigrationProblemCodes.MissingMapping, sourceId,
                    $"Instance {ic.Id}: {what} at '{sourceId}' has no counterpart in {targetRecord.Id}; map '{sourceId}' to an element of it."));
                return null;
            }
            return target.NodesById.GetValueOrDefault(to); // an unknown target is reported once, globally
        }
        void Incompatible(FlowNode from, FlowNode to, string why) =>
            problems.Add(new MigrationProblem(ic.Id, MigrationProblemCodes.IncompatibleTarget, from.Id,
                $"Instance {ic.Id}: {from} cannot move to {to}: {why}."));

        // Scopes (sub-processes and multi-instance bodies) move with the element that owns them.
        var scopeTargets = new Dictionary<string, FlowNode>(StringComparer.Ordinal);
        foreach (var scope in ic.State.Scopes)
        {
            var from = source.GetNode(scope.NodeId);
            if (TargetOf(scope.NodeId, $"a {scope.Kind} scope") is not { } to) continue;
            if (Compatibility(from, to) is { } why) Incompatible(from, to, why);
            else scopeTargets[scope.Id] = to;
        }

        var tokenTargets = new Dictionary<Token, FlowNode>();
        foreach (var token in ic.State.Tokens)
        {
            var from = source.GetNode(token.NodeId);
            var wait = WaitKind(token, from);
            var to = TargetOf(token.NodeId, $"a token waiting ({wait})");
            // Events a token waits on by element (boundary events, the catch events of an event-based gateway) need targets too.
            foreach (var id in token.Bookmarks ?? [])
            {
                if (!bookmarks.TryGetValue(id, out var bookmark) || bookmark.ElementId == token.NodeId) continue;
                var eventNode = source.NodesById.GetValueOrDefault(bookmark.ElementId);
                if (eventNode is null) continue;
                if (TargetOf(bookmark.ElementId, $"a {bookmark.Kind.ToString().ToLowerInvariant()} of {from}") is not { } eventTarget || to is null) continue;
                var eventBehavior = executor.Registry.For(eventNode);
                if (Compatibility(eventNode, eventTarget) is not null || !eventBehavior.IsEventOf(eventTarget, to))
                    Incompatible(eventNode, eventTarget, eventBehavior.EventRequirement(to));
            }
            if (to is null) continue;
            if (Compatibility(from, to) is { } why)
            {
                Incompatible(from, to, why);
                continue;
            }
            var scope = ic.FindScope(token.ScopeId);
            var expectedParent = scope switch
            {
                null => null,
                { Kind: ScopeKind.MultiInstanceItem } => null,
                _ => scopeTargets.GetValueOrDefault(scope.Id)?.Id ?? Map(scope.NodeId),
            };
            var placed = scope is { Kind: ScopeKind.MultiInstanceItem }
                ? to.Id == (scopeTargets.GetValueOrDefault(scope.Id)?.Id ?? Map(scope.NodeId))
                : to.Parent?.Id == expectedParent;
            if (!placed)
            {
                problems.Add(new MigrationProblem(ic.Id, MigrationProblemCodes.WrongContainer, from.Id,
                    $"Instance {ic.Id}: {from} would move to {to}, which is not inside {(expectedParent is null ? "the process itself" : $"'{expectedParent}'")} as its scope requires."));
                continue;
            }
            if (token.Status == TokenStatus.Joining && token.ArrivedVia is { } via &&
                !(target.FlowsById.TryGetValue(via, out var flow) && flow.TargetRef == to.Id))
            {
                problems.Add(new MigrationProblem(ic.Id, MigrationProblemCodes.IncompatibleTarget, from.Id,
                    $"Instance {ic.Id}: a token waits at the join {from} having arrived by flow '{via}', which does not lead to {to} in {targetRecord.Id}."));
                continue;
            }
            tokenTargets[token] = to;
        }

        var plan = new InstanceMigrationPlan(ic.Id, ic.Instance.BusinessKey, ic.Instance.DefinitionVersion, moves, problems);
        if (problems.Count > 0) return plan;

        // Nothing stops it: move. (For a plan this runs on copies that are never committed.)
        foreach (var scope in ic.State.Scopes)
        {
            var to = scopeTargets[scope.Id];
            if (to.Id != scope.NodeId) moves.Add(new MigrationMove("scope", scope.NodeId, to.Id, scope.OwnerTokenId, Wait: scope.Kind.ToString()));
            scope.NodeId = to.Id;
        }
        try
        {
            foreach (var (token, to) in tokenTargets)
                await MoveTokenAsync(ctx, ic, token, source.GetNode(token.NodeId), to, bookmarks, history, moves, Map, ct);
        }
        catch (ExpressionFailedException e)
        {
            problems.Add(new MigrationProblem(ic.Id, MigrationProblemCodes.IncompatibleTarget, e.Node.Id,
                $"Instance {ic.Id}: what {e.Node} in {targetRecord.Id} waits for (a timer, a signal name) cannot be computed: {e.Message}"));
            return plan;
        }

        var fromDefinition = ic.Instance.DefinitionId;
        ic.Instance.DefinitionId = targetRecord.Id;
        ic.Instance.DefinitionVersion = targetRecord.Version;
        ctx.History(ic, HistoryEventType.InstanceMigrated, target.Id, "process", data: JsonSerializer.Serialize(new
        {
            from = fromDefinition, to = targetRecord.Id, mapping, moves,
        }, EngineJson.Options));
        var migrated = new InstanceMigratedEvent
        {
            EventId = Guid.NewGuid(), InstanceId = ic.Id, BusinessKey = ic.Instance.BusinessKey,
            From = await ctx.Definitions.RefAsync(fromDefinition, ic.Instance.ProcessId, plan.SourceVersion, ct),
            To = new DefinitionRef(targetRecord.Id, targetRecord.ProcessId, targetRecord.Version, targetRecord.ContentHash),
            Mapping = mapping.Where(m => m.Key != m.Value).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal),
            Actor = ctx.Actor, At = ctx.Now,
        };
        ctx.Changes.Outbox.Add(new OutboxMessage
        {
            Id = migrated.EventId, Kind = OutboxKinds.InstanceMigrated, Payload = JsonSerializer.Serialize(migrated, EngineJson.Options), CreatedAt = ctx.Now,
        });
        return plan;
    }

    private async Task MoveTokenAsync(StepContext ctx, InstanceContext ic, Token token, FlowNode from, FlowNode to,
        IReadOnlyDictionary<Guid, Bookmark> bookmarks, IReadOnlyList<HistoryEntry> history, List<MigrationMove> moves,
        Func<string, string?> map, CancellationToken ct)
    {
        var owned = (token.Bookmarks ?? []).Select(id => bookmarks.GetValueOrDefault(id)).OfType<Bookmark>().ToList();
        var since = history.LastOrDefault(h => h.Event == HistoryEventType.ActivityEntered && h.TokenId == token.Id && h.ElementId == from.Id)?.At
                    ?? owned.Select(b => (DateTimeOffset?)b.CreatedAt).Min() ?? ctx.Now;
        var task = token.TaskId is { } taskId ? await ctx.LoadTaskAsync(taskId, ct) : null;
        moves.Add(new MigrationMove("token", from.Id, to.Id, token.Id, token.TaskId, Wait: WaitKind(token, from)));

        var before = ctx.Changes.InsertedBookmarks.Count;
        Executor.ClearBookmarks(ctx, token);
        token.NodeId = to.Id;
        executor.Registry.For(to).Reopen(new NodeExecution(ctx, ic, token, to), new Reopening(since, task, owned));
        foreach (var b in ctx.Changes.InsertedBookmarks.Skip(before))
            moves.Add(new MigrationMove(b.Kind.ToString().ToLowerInvariant(),
                owned.FirstOrDefault(o => o.Kind == b.Kind && map(o.ElementId) == b.ElementId)?.ElementId ?? "(new)",
                b.ElementId, token.Id, DueAt: b.DueAt));
    }

    /// <summary>What a token waits on, for the report: its join, scope, task, incident or called instance, else what its element waits for.</summary>
    private string WaitKind(Token token, FlowNode node) => token.Status switch
    {
        TokenStatus.Joining => "join",
        TokenStatus.InScope => "scope",
        _ when token.TaskId is not null => "userTask",
        _ when token.IncidentId is not null => "incident",
        _ when token.ChildInstanceId is not null => "callActivity",
        _ => executor.Registry.For(node).WaitKind(node),
    };

    /// <summary>Null when a waiting thing at <paramref name="from"/> can wait at <paramref name="to"/> instead; else why not.</summary>
    private string? Compatibility(FlowNode from, FlowNode to)
    {
        var behavior = executor.Registry.For(from);
        var a = behavior.MigrationKind(from);
        var b = executor.Registry.For(to).MigrationKind(to);
        return a != b ? $"a {a} cannot become a {b}" : behavior.Incompatibility(from, to);
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Model;
using Workflows.Engine.Parsing;
using Workflows.Engine.Runtime.Execution;
using Workflows.Engine.Runtime.Execution.Behaviors;
using Workflows.Engine.Runtime.Execution.Subscriptions;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime;

/// <summary>
/// The engine's runtime: each command loads what it needs, lets the <see cref="Executor"/> move tokens until
/// all wait, and commits the step atomically. A commit that loses an optimistic-concurrency race is re-run
/// on fresh state; timers are handed to the scheduler only after the commit.
/// </summary>
public sealed partial class WorkflowRuntime : IWorkflowRuntime
{
    private readonly IWorkflowStore _store;
    private readonly ITimerScheduler _scheduler;
    private readonly WorkflowRuntimeOptions _options;
    private readonly TimeProvider _clock;
    private readonly DefinitionCache _definitions;
    private readonly Executor _executor;
    private readonly IReadOnlyDictionary<string, IServiceTaskHandler> _handlers;
    private readonly LatestVersionCache _latest;
    private readonly IConfidentialDataProtector _protector;

    public WorkflowRuntime(IWorkflowStore store, ITimerScheduler scheduler, IEnumerable<IServiceTaskHandler> handlers,
        WorkflowRuntimeOptions? options = null, TimeProvider? clock = null, IBusinessCalendar? calendar = null)
    {
        _store = store;
        _scheduler = scheduler;
        _options = options ?? new WorkflowRuntimeOptions();
        _clock = clock ?? TimeProvider.System;
        _protector = _options.ConfidentialDataProtector ?? new EphemeralConfidentialDataProtector();
        // Service tasks are where confidential submissions are read in clear (SealedValues).
        _handlers = handlers.ToDictionary(h => h.Name, IServiceTaskHandler (h) => new OpeningServiceTaskHandler(h, _protector), StringComparer.Ordinal);
        _definitions = new DefinitionCache(store, _options.ParseLimits);
        _latest = new LatestVersionCache(store, _clock, _options.LatestVersionCacheTime);
        _executor = new Executor(_handlers, _options, calendar ?? new Calendar.HolidayCalendar([], []), _clock);
    }

    /// <summary>Scheduler calls that failed after a commit; the bookmarks are re-scheduled by <see cref="RecoverAsync"/>.</summary>
    public int SchedulerFailures { get; private set; }

    // ---------------------------------------------------------------- definitions

    public BpmnParseResult Validate(string bpmnXml) =>
        BpmnParser.Parse(bpmnXml, _options.ParseLimits with
        {
            KnownHandlers = _handlers.Keys.ToHashSet(StringComparer.Ordinal),
            KnownTemplates = _options.KnownTemplates,
        });

    public async Task<IReadOnlyList<WorkflowDefinitionRecord>> SaveDraftAsync(string bpmnXml, string? author, CancellationToken ct = default)
    {
        var result = BpmnParser.Parse(bpmnXml, _options.ParseLimits);
        if (result.Model is null || result.Model.Processes.Count == 0)
            throw new DefinitionInvalidException(result.Diagnostics);
        var saved = new List<WorkflowDefinitionRecord>();
        foreach (var process in result.Model.Processes)
        {
            var draft = new WorkflowDefinitionRecord
            {
                Id = WorkflowDefinitionRecord.DraftId(process.Id), ProcessId = process.Id, Version = 0,
                Status = DefinitionStatus.Draft, Name = process.Name, BpmnXml = bpmnXml, ContentHash = Hash(bpmnXml),
                CreatedAt = _clock.GetUtcNow(), CreatedBy = author,
            };
            await _store.SaveDefinitionAsync(draft, ct);
            saved.Add(draft);
        }
        return saved;
    }

    public async Task<IReadOnlyList<WorkflowDefinitionRecord>> PublishAsync(string bpmnXml, string? author, CancellationToken ct = default)
    {
        var result = Validate(bpmnXml);
        if (!result.IsValid) throw new DefinitionInvalidException(result.Errors.ToList());
        var hash = Hash(bpmnXml);
        var published = new List<WorkflowDefinitionRecord>();
        foreach (var process in result.Model!.Processes)
        {
            for (var attempt = 0; ; attempt++)
            {
                var latest = await _store.GetLatestPublishedAsync(process.Id, ct);
                if (latest is not null && latest.ContentHash == hash)
                {
                    published.Add(latest);
                    break;
                }
                var version = (latest?.Version ?? 0) + 1;
                var record = new WorkflowDefinitionRecord
                {
                    Id = WorkflowDefinitionRecord.MakeId(process.Id, version), ProcessId = process.Id, Version = version,
                    Status = DefinitionStatus.Published, Name = process.Name, BpmnXml = bpmnXml, ContentHash = hash,
                    CreatedAt = _clock.GetUtcNow(), PublishedAt = _clock.GetUtcNow(), CreatedBy = author,
                };
                try
                {
                    await _store.SaveDefinitionAsync(record, ct);
                }
                catch (ConcurrencyConflictException) when (attempt < _options.MaxConflictRetries)
                {
                    continue; // someone published the same process at the same moment: number after theirs
                }
                published.Add(record);
                _latest.Forget(process.Id);
                await ScheduleStartTimersAsync(record, process, ct);
                break;
            }
        }
        return published;
    }

    /// <summary>Timer start events belong to a definition, not an instance: their bookmarks carry this id.</summary>
    internal static readonly Guid StartTimerOwner = Guid.Empty;

    /// <summary>A new version's timer start events replace the previous version's (only the latest starts instances).</summary>
    private async Task ScheduleStartTimersAsync(WorkflowDefinitionRecord record, ProcessDefinition process, CancellationToken ct)
    {
        var ctx = new StepContext(_store, _definitions, _clock, "system");
        foreach (var old in await _store.GetBookmarksOfInstanceAsync(StartTimerOwner, ct))
            if (old.TokenId.StartsWith(process.Id + ":", StringComparison.Ordinal)) ctx.RemoveBookmark(old.Id);
        foreach (var start in process.StartEvents.Where(s => s.Definition is TimerEventDefinition))
            ctx.AddBookmark(StartTimer(record.Id, start, (TimerEventDefinition)start.Definition!, ctx.Now, remaining: null));
        if (ctx.Changes.IsEmpty) return;
        await _store.CommitAsync(ctx.Changes, ct);
        await AfterCommitAsync(ctx, ct);
    }

    private Bookmark StartTimer(string definitionId, StartEvent start, TimerEventDefinition timer, DateTimeOffset now, int? remaining)
    {
        var (due, repetitions, interval) = _executor.Registry.Timer.StartDue(timer, start, now);
        return new Bookmark
        {
            Id = Guid.NewGuid(), InstanceId = StartTimerOwner, TokenId = definitionId, ElementId = start.Id, Kind = BookmarkKind.Timer,
            DueAt = due, CreatedAt = now,
            Data = timer.Kind == TimerKind.Cycle ? JsonSerializer.Serialize(new CycleData(remaining ?? repetitions, interval?.ToString()), EngineJson.Options) : null,
        };
    }

    /// <summary>A timer start event came due: start an instance of that version (if still the latest) and plan the next cycle.</summary>
    private async Task<bool> FireStartTimerAsync(StepContext ctx, Bookmark bookmark, CancellationToken ct)
    {
        ctx.RemoveBookmark(bookmark.Id);
        var definition = await _store.GetDefinitionAsync(bookmark.TokenId, ct);
        var latest = definition is null ? null : await _store.GetLatestPublishedAsync(definition.ProcessId, ct);
        if (definition is null || latest?.Id != definition.Id) return false; // a newer version took over its timers
        var process = _definitions.Add(definition);
        if (process.NodesById.GetValueOrDefault(bookmark.ElementId) is not StartEvent { Definition: TimerEventDefinition timer } start) return false;
        _executor.StartInstance(ctx, definition, process, null, null, "timer", start: start);
        if (timer.Kind == TimerKind.Cycle && bookmark.Data is { } data &&
            JsonSerializer.Deserialize<CycleData>(data, EngineJson.Options) is { Remaining: not 0, Interval: { } text } cycle &&
            Expressions.Iso8601.TryParseDuration(text, out var interval))
        {
            var next = StartTimer(definition.Id, start, timer, ctx.Now, cycle.Remaining < 0 ? -1 : cycle.Remaining - 1);
            ctx.AddBookmark(new Bookmark
            {
                Id = next.Id, InstanceId = next.InstanceId, TokenId = next.TokenId, ElementId = next.ElementId, Kind = next.Kind,
                DueAt = TimerSubscription.NextOccurrence(interval, bookmark.DueAt ?? ctx.Now, ctx.Now), CreatedAt = ctx.Now, Data = next.Data,
            });
        }
        await _executor.RunAsync(ctx, ct);
        return true;
    }

    private static string Hash(string xml) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(xml)));

    // ---------------------------------------------------------------- instances

    public Task<ProcessInstance> StartAsync(StartRequest request, CancellationToken ct = default) =>
        StepAsync(request.StartedBy ?? "system", async ctx =>
        {
            SealedValues.RefuseFromOutside(request.Variables);
            var definition = request.Version is { } v
                ? await _store.GetDefinitionAsync(WorkflowDefinitionRecord.MakeId(request.ProcessId, v), ct)
                : await _latest.GetAsync(request.ProcessId, ct);
            if (definition is null || definition.Status != DefinitionStatus.Published)
                throw new NotFoundException("Published process", request.Version is { } ver ? $"{request.ProcessId}:{ver}" : request.ProcessId);
            var process = _definitions.Add(definition);
            var ic = _executor.StartInstance(ctx, definition, process, (JsonObject?)request.Variables?.DeepClone(),
                request.BusinessKey, request.StartedBy);
            await _executor.RunAsync(ctx, ct);
            return ic.Instance;
        }, ct);

    public async Task<int> CorrelateMessageAsync(string messageName, string? correlationKey, JsonObject? variables, CancellationToken ct = default)
    {
        SealedValues.RefuseFromOutside(variables);
        var reached = 0;
        var subscriptions = await _store.FindMessageSubscriptionsAsync(messageName, correlationKey, ct);
        foreach (var group in subscriptions.GroupBy(s => s.InstanceId))
        {
            var delivered = await StepAsync("system", async ctx =>
            {
                var ic = await ctx.LoadInstanceAsync(group.Key, ct);
                foreach (var subscription in group)
                {
                    var token = ic.FindToken(subscription.TokenId);
                    if (ic.Ended || token is null || token.Bookmarks?.Contains(subscription.Id) != true) continue;
                    if (variables is not null)
                        foreach (var (k, v) in variables) _executor.SetVariable(ic, token, k, v?.DeepClone());
                    _executor.Fire(ctx, ic, token, subscription);
                    await _executor.RunAsync(ctx, ct);
                    return true;
                }
                return false;
            }, ct);
            if (delivered) reached++;
        }

        // Message start events of the latest published versions.
        foreach (var (definition, process) in await _definitions.LatestPublishedAsync(ct))
        {
            var start = process.StartEvents.FirstOrDefault(s => s.Definition is MessageEventDefinition m && m.MessageName == messageName);
            if (start is null) continue;
            await StepAsync("system", async ctx =>
            {
                _executor.StartInstance(ctx, definition, process, (JsonObject?)variables?.DeepClone(), correlationKey, "system", start: start);
                await _executor.RunAsync(ctx, ct);
                return true;
            }, ct);
            reached++;
        }
        return reached;
    }

    public async Task FireAsync(Guid bookmarkId, CancellationToken ct = default)
    {
        await StepAsync("system", async ctx =>
        {
            var (bookmark, instance) = await _store.GetBookmarkWithInstanceAsync(bookmarkId, ct);
            if (bookmark is null) return false; // fired already, or its activity moved on: nothing to do
            if (instance is not null) ctx.Prefetch(instance);
            if (bookmark.InstanceId == StartTimerOwner) return await FireStartTimerAsync(ctx, bookmark, ct);
            var ic = await ctx.LoadInstanceAsync(bookmark.InstanceId, ct);
            var token = ic.FindToken(bookmark.TokenId);
            if (ic.Ended || token is null || token.Bookmarks?.Contains(bookmark.Id) != true)
            {
                ctx.RemoveBookmark(bookmark.Id); // a stale row: clear it
                return false;
            }
            if (bookmark.Kind == BookmarkKind.Reminder && bookmark.Data is { } data &&
                JsonSerializer.Deserialize<ReminderData>(data, EngineJson.Options) is { } reminder)
                await ctx.LoadTaskAsync(reminder.TaskId, ct);
            _executor.Fire(ctx, ic, token, bookmark);
            await _executor.RunAsync(ctx, ct);
            return true;
        }, ct);
    }

    public Task CancelInstanceAsync(Guid instanceId, Actor actor, string? reason, CancellationToken ct = default) =>
        StepAsync(actor.UserId, async ctx =>
        {
            if (!actor.IsAdministrator) throw new ForbiddenException("Only administrators may cancel an instance.");
            var ic = await ctx.LoadInstanceAsync(instanceId, ct);
            if (ic.Ended) throw new InvalidOperationWorkflowException($"Instance {instanceId} has already ended ({ic.Instance.Status}).");
            foreach (var token in ic.State.Tokens.ToList()) _executor.CancelToken(ctx, ic, token, InterruptReason.Cancel);
            _executor.EndInstance(ctx, ic, InstanceStatus.Cancelled, HistoryData.Start().Add("reason", reason).ToJson());
            await _executor.RunAsync(ctx, ct);
            return true;
        }, ct);

    public async Task RecoverAsync(CancellationToken ct = default)
    {
        foreach (var bookmark in await _store.GetScheduledBookmarksAsync(ct))
            await _scheduler.ScheduleAsync(bookmark.Id, bookmark.DueAt!.Value, ct);
    }

    // ---------------------------------------------------------------- the step

    /// <summary>Runs one step: on a commit-time conflict it starts again from fresh state; a conflict the step
    /// itself detects (the task was completed meanwhile) goes to the caller.</summary>
    private async Task<T> StepAsync<T>(string actor, Func<StepContext, Task<T>> body, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var ctx = new StepContext(_store, _definitions, _clock, actor);
            var result = await body(ctx);
            ctx.Seal();
            if (ctx.Changes.IsEmpty) return result;
            try
            {
                await _store.CommitAsync(ctx.Changes, ct);
            }
            catch (ConcurrencyConflictException) when (attempt < _options.MaxConflictRetries)
            {
                await Task.Delay(Random.Shared.Next(1, 5 + attempt * 10), ct);
                continue;
            }
            await AfterCommitAsync(ctx, ct);
            return result;
        }
    }

    private async Task AfterCommitAsync(StepContext ctx, CancellationToken ct)
    {
        foreach (var id in ctx.TimersToCancel)
            await Safely(() => _scheduler.CancelAsync(id, ct));
        foreach (var (id, due) in ctx.TimersToSchedule)
            await Safely(() => _scheduler.ScheduleAsync(id, due, ct));
    }

    private async Task Safely(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The step is committed; its bookmark rows are the truth and RecoverAsync schedules them again.
            SchedulerFailures++;
        }
    }
}

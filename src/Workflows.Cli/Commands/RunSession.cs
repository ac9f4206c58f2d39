using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Expressions;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;

namespace Workflows.Cli.Commands;

/// <summary>
/// A `wf run` session over every instance in its in-memory store: the started one and those it calls (or that
/// messages, signals and timers start). Tasks are numbered across all of them, so a called instance's task is
/// completed like any other; its message and signal subscriptions are listed so you know what to send.
/// </summary>
internal sealed class RunSession(WorkflowRuntime runtime, InMemoryWorkflowStore store, ManualTimerScheduler scheduler, CliClock clock,
    TextWriter output)
{
    private const int AutoStepLimit = 1000;
    private static readonly Actor Operator = new("cli", Array.Empty<string>(), IsAdministrator: true);
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Every instance, oldest first, numbered from 1 in that order.</summary>
    private async Task<List<ProcessInstance>> InstancesAsync() =>
        (await store.QueryInstancesAsync(new InstanceQuery { Take = int.MaxValue }))
        .OrderBy(i => i.StartedAt).ThenBy(i => i.State.CallDepth).ThenBy(i => i.Id).ToList();

    /// <summary>Open tasks of every running instance, in instance order: the numbers `complete N` uses.</summary>
    private async Task<List<UserTaskRecord>> OpenTasksAsync()
    {
        var tasks = new List<UserTaskRecord>();
        foreach (var instance in await InstancesAsync())
            if (instance.Status == InstanceStatus.Running) tasks.AddRange(await store.GetOpenTasksOfInstanceAsync(instance.Id));
        return tasks;
    }

    public async Task ShowAsync()
    {
        var instances = await InstancesAsync();
        var numbers = instances.Select((i, n) => (i.Id, n + 1)).ToDictionary(p => p.Id, p => p.Item2);
        await output.WriteLineAsync($"[{clock.GetUtcNow():yyyy-MM-dd HH:mm}]");
        var taskNumber = 0;
        foreach (var instance in instances)
        {
            var calledBy = instance.ParentInstanceId is { } parent && numbers.TryGetValue(parent, out var p) ? $", called by instance {p}" : "";
            await output.WriteLineAsync($"  instance {numbers[instance.Id]} {instance.ProcessId}{calledBy}: {instance.Status.ToString().ToLowerInvariant()}");
            if (instance.Status != InstanceStatus.Running) continue;
            foreach (var t in await store.GetOpenTasksOfInstanceAsync(instance.Id))
            {
                var who = t.Assignee ?? string.Join(",", t.CandidateUsers.Concat(t.CandidateGroups.Select(g => "group:" + g)));
                await output.WriteLineAsync($"    task {++taskNumber}: {t.ElementId} '{t.Name}' for {(who.Length == 0 ? "administrators" : who)}" +
                                            (t.DueAt is { } due ? $", due {due:yyyy-MM-dd HH:mm}" : ""));
            }
            foreach (var b in await store.GetBookmarksOfInstanceAsync(instance.Id))
                if (b.Kind == BookmarkKind.Message)
                    await output.WriteLineAsync($"    waits at {b.ElementId} for the message '{b.MessageName}'" +
                                                (b.CorrelationKey is { } key ? $" (key {key}): message {b.MessageName} {key}" : $": message {b.MessageName}"));
                else if (b.Kind == BookmarkKind.Signal)
                    await output.WriteLineAsync($"    waits at {b.ElementId} for the signal '{b.MessageName}': signal {b.MessageName}");
            foreach (var incident in await store.GetOpenIncidentsAsync(instance.Id))
                await output.WriteLineAsync($"    incident at {incident.ElementId}: {incident.Message}");
        }
        foreach (var (id, due) in scheduler.Pending.OrderBy(p => p.Value))
        {
            var bookmark = await store.GetBookmarkAsync(id);
            if (bookmark is null) continue;
            var owner = numbers.TryGetValue(bookmark.InstanceId, out var n) ? $"instance {n}" : "a timer start event";
            await output.WriteLineAsync($"  timer at {due:yyyy-MM-dd HH:mm} on {bookmark.ElementId} ({bookmark.Kind.ToString().ToLowerInvariant()}, {owner})");
        }
        if (instances.Count > 0 && instances.All(i => i.Status != InstanceStatus.Running))
            await output.WriteLineAsync("  every instance has ended");
    }

    public async Task<int> InteractAsync(TextReader input)
    {
        while (await input.ReadLineAsync() is { } line)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) continue;
            try
            {
                switch (words[0])
                {
                    case "quit" or "exit": return CliApp.Ok;
                    case "help": await output.WriteLineAsync(Help); continue;
                    case "tasks": break;
                    case "complete": await CompleteAsync(words); break;
                    case "advance": await AdvanceAsync(words); break;
                    case "message":
                        if (words.Length < 2) throw new UsageException("message NAME [KEY] [NAME=VALUE...]");
                        await MessageAsync(words);
                        break;
                    case "signal":
                        if (words.Length < 2) throw new UsageException("signal NAME [NAME=VALUE...]");
                        await SignalAsync(words);
                        break;
                    case "vars":
                        await output.WriteLineAsync((await InstanceAsync(words)).State.Variables.ToJsonString(Indented));
                        continue;
                    case "history":
                        foreach (var h in await store.GetHistoryAsync((await InstanceAsync(words)).Id))
                            await output.WriteLineAsync($"  {h.At:HH:mm:ss} {h.Event} {h.ElementId} {h.Actor} {h.Data}");
                        continue;
                    default: await output.WriteLineAsync($"  unknown command '{words[0]}'; type help"); continue;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A refused command (a conflict, a wrong number, an engine error) is one line; the session goes on.
                await output.WriteLineAsync($"  {OneLine(e)}");
                continue;
            }
            await ShowAsync();
        }
        return CliApp.Ok;
    }

    public async Task<int> AutoAsync()
    {
        for (var step = 0; step < AutoStepLimit; step++)
        {
            var instances = await InstancesAsync();
            if (instances.All(i => i.Status != InstanceStatus.Running)) return CliApp.Ok;
            var tasks = await OpenTasksAsync();
            if (tasks.Count > 0)
            {
                await output.WriteLineAsync($"> complete {tasks[0].ElementId}");
                await runtime.CompleteTaskAsync(tasks[0].Id, Operator, null);
            }
            else if (scheduler.NextDue is { } due)
            {
                await output.WriteLineAsync($"> advance to {due:yyyy-MM-dd HH:mm}");
                clock.AdvanceTo(due);
                await scheduler.FireDueAsync(runtime, clock.GetUtcNow());
            }
            else
            {
                await output.WriteLineAsync("nothing is left for --auto to do (no open task, no timer): the instance waits for a message, a signal, an incident or a join that no token can reach");
                await ShowAsync();
                return CliApp.Invalid;
            }
            await ShowAsync();
        }
        await output.WriteLineAsync($"stopped after {AutoStepLimit} steps: the process may loop forever");
        return CliApp.Invalid;
    }

    private async Task<ProcessInstance> InstanceAsync(string[] words)
    {
        var instances = await InstancesAsync();
        var n = 1;
        if (words.Length > 1 && (!int.TryParse(words[1], out n) || n < 1 || n > instances.Count))
            throw new UsageException($"{words[0]} [N], with N from 1 to {instances.Count}");
        return instances[n - 1];
    }

    private async Task CompleteAsync(string[] words)
    {
        var tasks = await OpenTasksAsync();
        if (words.Length < 2 || !int.TryParse(words[1], out var n) || n < 1 || n > tasks.Count)
            throw new UsageException($"complete N [NAME=VALUE...], with N from 1 to {tasks.Count}");
        var variables = new JsonObject();
        foreach (var assignment in words.Skip(2)) RunCommand.AddAssignment(variables, assignment);
        await runtime.CompleteTaskAsync(tasks[n - 1].Id, Operator, variables);
    }

    private async Task MessageAsync(string[] words)
    {
        var key = words.Length > 2 && !words[2].Contains('=') ? words[2] : null;
        var variables = new JsonObject();
        foreach (var assignment in words.Skip(key is null ? 2 : 3)) RunCommand.AddAssignment(variables, assignment);
        var reached = await runtime.CorrelateMessageAsync(words[1], key, variables.Count > 0 ? variables : null);
        await output.WriteLineAsync($"  reached {reached} instance(s)");
    }

    private async Task SignalAsync(string[] words)
    {
        var variables = new JsonObject();
        foreach (var assignment in words.Skip(2)) RunCommand.AddAssignment(variables, assignment);
        var reached = await runtime.BroadcastSignalAsync(words[1], variables.Count > 0 ? variables : null, "cli");
        await output.WriteLineAsync($"  reached {reached} instance(s)");
    }

    private async Task AdvanceAsync(string[] words)
    {
        if (words.Length < 2 || !Iso8601.TryParseDuration(words[1], out var duration))
            throw new UsageException("advance DURATION, e.g. advance P1D or advance PT2H");
        clock.AdvanceTo(duration.AddTo(clock.GetUtcNow()));
        var fired = await scheduler.FireDueAsync(runtime, clock.GetUtcNow());
        await output.WriteLineAsync($"  {fired} timer(s) fired");
    }

    /// <summary>An error as one line: its message, never a stack trace.</summary>
    /// <summary>An exception as one bounded line: a hostile model can make messages long.</summary>
    internal static string OneLine(Exception e)
    {
        var line = e.Message.ReplaceLineEndings(" ").Trim();
        return line.Length <= 500 ? line : line[..500] + "…";
    }

    private const string Help = """
          tasks                               show every instance with its open tasks, message and signal subscriptions and timers
          complete N [NAME=VALUE...]          complete task N (numbered across all instances) with variables
          advance DURATION                    move the clock (P1D, PT2H) and fire due timers
          message NAME [KEY] [NAME=VALUE...]  correlate a message (starts instances at message start events too)
          signal NAME [NAME=VALUE...]         broadcast a signal to every instance waiting for it (and signal start events)
          vars [N] | history [N]              show instance N's variables / history (default: instance 1)
          quit
        """;
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;
using Workflows.Engine.Parsing;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;

namespace Workflows.Cli.Commands;

/// <summary>
/// <c>wf run FILE</c>: publishes the file in memory, starts its process and lets you move it by hand: complete
/// tasks, advance the clock, send messages. With <c>--auto</c> it completes every task and fires every timer.
/// </summary>
public static class RunCommand
{
    private const int AutoStepLimit = 1000;

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        string? file = null, processId = null, businessKey = null;
        var variables = new JsonObject();
        var auto = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--process": processId = Next(); break;
                case "--business-key": businessKey = Next(); break;
                case "--var": AddAssignment(variables, Next()); break;
                case "--auto": auto = true; break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal)) throw new UsageException($"unknown option '{args[i]}'");
                    if (file is not null) throw new UsageException("run takes one FILE");
                    file = args[i];
                    break;
            }
        }
        if (file is null) throw new UsageException("run needs a FILE");
        if (!File.Exists(file))
        {
            await error.WriteLineAsync($"wf: {file}: no such file");
            return CliApp.Invalid;
        }
        var (xml, problem) = await BpmnFile.ReadTextAsync(file, new BpmnParseOptions().MaxBytes);
        if (xml is null)
        {
            await error.WriteLineAsync($"wf: {file}: cannot read the file: {problem}");
            return CliApp.Invalid;
        }
        var parsed = BpmnParser.Parse(xml);
        if (!parsed.IsValid)
        {
            foreach (var d in parsed.Diagnostics) await output.WriteLineAsync(d.Format(file));
            return CliApp.Invalid;
        }
        var handlers = parsed.Model!.Processes.SelectMany(p => p.NodesById.Values).OfType<ServiceTask>()
            .Select(s => s.HandlerName).Distinct().Select(n => (IServiceTaskHandler)new SimulatedHandler(n, output)).ToList();
        var clock = new CliClock();
        var store = new InMemoryWorkflowStore();
        var scheduler = new ManualTimerScheduler();
        var runtime = new WorkflowRuntime(store, scheduler, handlers, new WorkflowRuntimeOptions(), clock);
        await runtime.PublishAsync(xml, "cli");
        processId ??= parsed.Model.Processes[0].Id;
        var instance = await runtime.StartAsync(new StartRequest { ProcessId = processId, BusinessKey = businessKey, Variables = variables, StartedBy = "cli" });
        await output.WriteLineAsync($"started {processId} instance {instance.Id}");
        var session = new Session(runtime, store, scheduler, clock, instance.Id, output);
        await session.ShowAsync();
        return auto ? await session.AutoAsync() : await session.InteractAsync(input);
    }

    internal static void AddAssignment(JsonObject variables, string assignment)
    {
        var eq = assignment.IndexOf('=');
        if (eq <= 0) throw new UsageException($"'{assignment}' is not NAME=VALUE");
        variables[assignment[..eq].Trim()] = ParseValue(assignment[(eq + 1)..]);
    }

    /// <summary>JSON when it reads as JSON (numbers, true, lists), else the text itself.</summary>
    private static JsonNode? ParseValue(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    private sealed class Session(WorkflowRuntime runtime, InMemoryWorkflowStore store, ManualTimerScheduler scheduler, CliClock clock,
        Guid instanceId, TextWriter output)
    {
        private static readonly Actor Operator = new("cli", Array.Empty<string>(), IsAdministrator: true);

        public async Task ShowAsync()
        {
            var instance = (await store.GetInstanceAsync(instanceId))!;
            await output.WriteLineAsync($"[{clock.GetUtcNow():yyyy-MM-dd HH:mm}] instance {instance.Status.ToString().ToLowerInvariant()}");
            var tasks = await store.GetOpenTasksOfInstanceAsync(instanceId);
            for (var i = 0; i < tasks.Count; i++)
            {
                var t = tasks[i];
                var who = t.Assignee ?? string.Join(",", t.CandidateUsers.Concat(t.CandidateGroups.Select(g => "group:" + g)));
                await output.WriteLineAsync($"  task {i + 1}: {t.ElementId} '{t.Name}' for {(who.Length == 0 ? "administrators" : who)}" +
                                            (t.DueAt is { } due ? $", due {due:yyyy-MM-dd HH:mm}" : ""));
            }
            foreach (var (id, due) in scheduler.Pending.OrderBy(p => p.Value))
            {
                var bookmark = await store.GetBookmarkAsync(id);
                if (bookmark is not null) await output.WriteLineAsync($"  timer at {due:yyyy-MM-dd HH:mm} on {bookmark.ElementId} ({bookmark.Kind.ToString().ToLowerInvariant()})");
            }
            foreach (var incident in await store.GetOpenIncidentsAsync(instanceId))
                await output.WriteLineAsync($"  incident at {incident.ElementId}: {incident.Message}");
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
                            if (words.Length < 2) throw new UsageException("message NAME [KEY]");
                            await output.WriteLineAsync($"  reached {await runtime.CorrelateMessageAsync(words[1], words.ElementAtOrDefault(2), null)} instance(s)");
                            break;
                        case "vars":
                            await output.WriteLineAsync((await store.GetInstanceAsync(instanceId))!.State.Variables.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
                            continue;
                        case "history":
                            foreach (var h in await store.GetHistoryAsync(instanceId))
                                await output.WriteLineAsync($"  {h.At:HH:mm:ss} {h.Event} {h.ElementId} {h.Actor} {h.Data}");
                            continue;
                        default: await output.WriteLineAsync($"  unknown command '{words[0]}'; type help"); continue;
                    }
                }
                catch (Exception e) when (e is WorkflowException or UsageException or FormatException)
                {
                    await output.WriteLineAsync($"  {e.Message}");
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
                var instance = (await store.GetInstanceAsync(instanceId))!;
                if (instance.Status != InstanceStatus.Running) return CliApp.Ok;
                var tasks = await store.GetOpenTasksOfInstanceAsync(instanceId);
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
                    await output.WriteLineAsync("the instance waits for something --auto cannot do (a message or an incident)");
                    await ShowAsync();
                    return CliApp.Invalid;
                }
                await ShowAsync();
            }
            await output.WriteLineAsync($"stopped after {AutoStepLimit} steps: the process may loop forever");
            return CliApp.Invalid;
        }

        private async Task CompleteAsync(string[] words)
        {
            var tasks = await store.GetOpenTasksOfInstanceAsync(instanceId);
            if (words.Length < 2 || !int.TryParse(words[1], out var n) || n < 1 || n > tasks.Count)
                throw new UsageException($"complete N [NAME=VALUE...], with N from 1 to {tasks.Count}");
            var variables = new JsonObject();
            foreach (var assignment in words.Skip(2)) AddAssignment(variables, assignment);
            await runtime.CompleteTaskAsync(tasks[n - 1].Id, Operator, variables);
        }

        private async Task AdvanceAsync(string[] words)
        {
            if (words.Length < 2 || !Iso8601.TryParseDuration(words[1], out var duration))
                throw new UsageException("advance DURATION, e.g. advance P1D or advance PT2H");
            clock.AdvanceTo(duration.AddTo(clock.GetUtcNow()));
            var fired = await scheduler.FireDueAsync(runtime, clock.GetUtcNow());
            await output.WriteLineAsync($"  {fired} timer(s) fired");
        }

        private const string Help = """
              tasks                          show open tasks and timers
              complete N [NAME=VALUE...]     complete task N with variables
              advance DURATION               move the clock (P1D, PT2H) and fire due timers
              message NAME [KEY]             correlate a message
              vars | history                 show variables / the instance's history
              quit
            """;
    }
}

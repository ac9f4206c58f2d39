using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Model;
using Workflows.Engine.Parsing;
using Workflows.Engine.Runtime;

namespace Workflows.Cli.Commands;

/// <summary>
/// <c>wf run FILE</c>: publishes the file in memory, starts its process (by its none start event, a message start
/// event, a signal start event or its first timer start event) and lets you move it, and every instance it calls, by
/// hand: complete tasks, advance the clock, send messages and signals. With <c>--auto</c> it completes every task and
/// fires every timer.
/// </summary>
public static class RunCommand
{
    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        string? file = null, processId = null, businessKey = null, message = null, signal = null;
        var variables = new JsonObject();
        var auto = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--process": processId = Next(); break;
                case "--business-key": businessKey = Next(); break;
                case "--message": message = Next(); break;
                case "--signal": signal = Next(); break;
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
        var model = parsed.Model!;
        var process = processId is null ? model.Processes[0] : model.FindProcess(processId);
        if (process is null)
        {
            // The engine's answer to starting a process it does not have: one line, exit 1.
            await error.WriteLineAsync($"wf: error: the file has no executable process '{processId}' (it has {string.Join(", ", model.Processes.Select(p => p.Id))})");
            return CliApp.Invalid;
        }
        var handlers = model.Processes.SelectMany(p => p.NodesById.Values).OfType<ServiceTask>()
            .Select(s => s.HandlerName).Distinct().Select(n => (IServiceTaskHandler)new SimulatedHandler(n, output)).ToList();
        var clock = new CliClock();
        var store = new InMemoryWorkflowStore();
        var scheduler = new ManualTimerScheduler();
        var runtime = new WorkflowRuntime(store, scheduler, handlers, new WorkflowRuntimeOptions(), clock);
        await runtime.PublishAsync(xml, "cli");

        var session = new RunSession(runtime, store, scheduler, clock, output);
        if (!await StartAsync(runtime, scheduler, clock, process, message, signal, businessKey, variables, store, output, error))
            return CliApp.Invalid;
        await session.ShowAsync();
        return auto ? await session.AutoAsync() : await session.InteractAsync(input);
    }

    /// <summary>Starts the process the way it can be started: a named message or signal, its none start event, its message
    /// or signal start event, or its first timer start event (the clock moves to that timer's date).</summary>
    private static async Task<bool> StartAsync(WorkflowRuntime runtime, ManualTimerScheduler scheduler, CliClock clock,
        ProcessDefinition process, string? message, string? signal, string? businessKey, JsonObject variables, InMemoryWorkflowStore store,
        TextWriter output, TextWriter error)
    {
        var messageStart = process.StartEvents.Select(s => s.Definition).OfType<MessageEventDefinition>().FirstOrDefault();
        var signalStart = process.StartEvents.Select(s => s.Definition).OfType<SignalEventDefinition>().FirstOrDefault();
        if (message is null && signal is null && process.NoneStartEvent is not null)
        {
            var instance = await runtime.StartAsync(new StartRequest
            {
                ProcessId = process.Id, BusinessKey = businessKey, Variables = variables, StartedBy = "cli",
            });
            await output.WriteLineAsync($"started {process.Id} instance {instance.Id}");
            return true;
        }
        if (signal is not null || (message is null && messageStart is null && signalStart is not null))
        {
            var name = signal ?? signalStart!.SignalName;
            if (await runtime.BroadcastSignalAsync(name, variables, "cli") == 0)
            {
                await error.WriteLineAsync($"wf: the signal '{name}' starts no process in the file");
                return false;
            }
            await output.WriteLineAsync($"started {process.Id} by the signal '{name}'");
            return true;
        }
        if (message is not null || messageStart is not null)
        {
            var name = message ?? messageStart!.MessageName;
            var reached = await runtime.CorrelateMessageAsync(name, businessKey, variables);
            if (reached == 0)
            {
                await error.WriteLineAsync($"wf: the message '{name}' starts no process in the file");
                return false;
            }
            await output.WriteLineAsync($"started {process.Id} by the message '{name}'");
            return true;
        }
        if (process.StartEvents.Any(s => s.Definition is TimerEventDefinition) && scheduler.NextDue is { } due)
        {
            clock.AdvanceTo(due);
            await scheduler.FireDueAsync(runtime, clock.GetUtcNow());
            if ((await store.QueryInstancesAsync(new InstanceQuery())).Count > 0)
            {
                await output.WriteLineAsync($"started {process.Id} by its timer start event at {due:yyyy-MM-dd HH:mm}");
                return true;
            }
        }
        await error.WriteLineAsync($"wf: process '{process.Id}' has no start event that run can trigger");
        return false;
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
}

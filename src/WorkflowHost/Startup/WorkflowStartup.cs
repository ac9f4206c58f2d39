using TechTransfer.Processes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Parsing;
using Workflows.Engine.Runtime;
using WorkflowHost.Composition;

namespace WorkflowHost.Startup;

/// <summary>
/// Before the host serves anything (run by <see cref="HostStartup"/> once the schema is up to date): publish the shipped
/// workflows as version 1 when their process has none yet. Stored timers need nothing: the timer pump reads them from their rows. A folder of
/// the operator's own may replace a shipped process; where it lacks what the application refers to
/// (<see cref="ShippedProcessCheck"/>), each gap is logged as a warning (the API refuses to publish such a version).
/// </summary>
public sealed class WorkflowStartup(HostSettings settings, IWorkflowRuntime runtime, IWorkflowStore store, ILogger<WorkflowStartup> logger)
{
    public async Task RunAsync(CancellationToken ct)
    {
        await PublishShippedWorkflowsAsync(ct);
        logger.LogInformation("Workflow host ready: {Provider} database, workflows from {Path}", settings.Provider, settings.WorkflowsPath);
    }

    private async Task PublishShippedWorkflowsAsync(CancellationToken ct)
    {
        if (!Directory.Exists(settings.WorkflowsPath))
        {
            logger.LogWarning("No workflows folder at {Path}; nothing published", settings.WorkflowsPath);
            return;
        }
        foreach (var file in Directory.GetFiles(settings.WorkflowsPath, "*.bpmn").Order(StringComparer.Ordinal))
        {
            var xml = await File.ReadAllTextAsync(file, ct);
            var result = runtime.Validate(xml);
            if (!result.IsValid)
                throw new InvalidOperationException($"The shipped workflow {Path.GetFileName(file)} is not valid:\n" +
                    string.Join("\n", result.Errors.Select(d => d.Format(Path.GetFileName(file)))));
            foreach (var gap in ShippedProcessCheck.Check(result.Model!))
                logger.LogWarning("{Diagnostic}", gap.Format(Path.GetFileName(file)));
            var missing = false;
            foreach (var process in result.Model!.Processes)
                missing |= await store.GetLatestPublishedAsync(process.Id, ct) is null;
            if (!missing) continue;
            var published = await runtime.PublishAsync(xml, "system", ct);
            foreach (var d in published)
                logger.LogInformation("Published {ProcessId} version {Version} from {File}", d.ProcessId, d.Version, Path.GetFileName(file));
        }
    }
}

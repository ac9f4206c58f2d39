using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;

namespace Workflows.Engine.Runtime;

/// <summary>Signals sent from outside the processes (the API, <c>wf run</c>); a throw event inside one broadcasts the same way.</summary>
public sealed partial class WorkflowRuntime
{
    public Task<int> BroadcastSignalAsync(string signalName, JsonObject? variables, string? sentBy = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(signalName)) throw new InvalidOperationWorkflowException("A signal needs a name.");
        return StepAsync(sentBy ?? "system", async ctx =>
        {
            if (variables is not null)
                foreach (var (name, value) in variables) _executor.CheckSize(name, value, null);
            var reached = await _executor.Registry.Signal.BroadcastAsync(ctx, signalName.Trim(), variables, businessKey: null, ct);
            await _executor.RunAsync(ctx, ct);
            return reached;
        }, ct);
    }
}

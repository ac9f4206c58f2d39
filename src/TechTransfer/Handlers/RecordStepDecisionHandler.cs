using System.Text.Json.Nodes;
using TechTransfer.Evidence;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary>
/// <c>tt.recordStepDecision</c>: records the decision of the user task before it in the evidence
/// (<see cref="StepDecisionService"/>), on behalf of who completed it. Parameters (<c>wf:parameter</c>): <c>decision</c>
/// (its name, e.g. <c>assessment.release</c>) and <c>fields</c> (the variables to keep, separated by commas). In:
/// <c>inventionId</c>. Out: nothing.
/// </summary>
public sealed class RecordStepDecisionHandler(StepDecisionService decisions) : DomainHandler
{
    public override string Name => "tt.recordStepDecision";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var decision = context.Parameters.GetValueOrDefault("decision")
                       ?? throw new InvalidOperationException($"{Name}: the service task names no 'decision' parameter.");
        var fields = (context.Parameters.GetValueOrDefault("fields") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToDictionary(f => f, f => vars[f], StringComparer.Ordinal);
        await decisions.RecordAsync(OnBehalfOfTaskCompleter(vars), vars.Guid("inventionId"), decision, fields, ct);
        return null;
    }
}

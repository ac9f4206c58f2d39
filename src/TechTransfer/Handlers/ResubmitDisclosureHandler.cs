using System.Text.Json.Nodes;
using TechTransfer.Inventions;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.resubmitDisclosure</c>: the inventor's answered disclosure is submitted again. A disclosure still
/// incomplete or with shares not summing to 100 throws the BPMN error of the rule (e.g. <c>shares-not-100</c>). The
/// <c>answer</c> given at the revision step goes into the record beside the questions it answers.</summary>
public sealed class ResubmitDisclosureHandler(InventionService inventions) : DomainHandler
{
    public override string Name => "tt.resubmitDisclosure";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var id = vars.Guid("inventionId");
        var current = await inventions.GetAsync(AsProcess(), id, ct);
        if (current.Status == InventionStatus.Returned)
            await inventions.SubmitAsync(OnBehalfOfTaskCompleter(vars), id, vars.OptionalString("answer"), ct);
        return Result(new { disclosureStatus = "submitted" });
    }
}

using System.Text.Json.Nodes;
using TechTransfer.Inventions;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.returnDisclosure</c>: the office sends the disclosure back with <c>questions</c>.</summary>
public sealed class ReturnDisclosureHandler(InventionService inventions) : DomainHandler
{
    public override string Name => "tt.returnDisclosure";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var id = vars.Guid("inventionId");
        var current = await inventions.GetAsync(AsProcess(), id, ct);
        if (current.Status != InventionStatus.Returned) // a re-run step finds it returned already
            await inventions.ReturnToInventorsAsync(OnBehalfOfTaskCompleter(vars), id, vars.String("questions"), ct);
        return Result(new { disclosureStatus = "returned" });
    }
}

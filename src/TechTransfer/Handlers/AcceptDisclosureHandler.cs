using System.Text.Json.Nodes;
using TechTransfer.Inventions;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.acceptDisclosure</c>: the office accepts a complete disclosure.</summary>
public sealed class AcceptDisclosureHandler(InventionService inventions) : DomainHandler
{
    public override string Name => "tt.acceptDisclosure";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var id = vars.Guid("inventionId");
        var current = await inventions.GetAsync(AsProcess(), id, ct);
        if (current.Status == InventionStatus.Submitted)
            await inventions.AcceptAsync(OnBehalfOfTaskCompleter(vars), id, ct);
        return Result(new { disclosureStatus = "accepted" });
    }
}

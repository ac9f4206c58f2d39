using System.Text.Json.Nodes;
using TechTransfer.Inventions;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.checkDisclosure</c>: the automatic completeness check before the office screens a disclosure.
/// Out: <c>disclosureComplete</c>, <c>missingFields</c>, <c>caseNumber</c>, <c>title</c>.</summary>
public sealed class CheckDisclosureHandler(InventionService inventions) : DomainHandler
{
    public override string Name => "tt.checkDisclosure";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var invention = await inventions.GetAsync(AsProcess(), vars.Guid("inventionId"), ct);
        var missing = InventionService.MissingFields(invention);
        if (invention.Inventors.Sum(i => i.Share) != 100m) missing.Add("inventors");
        return Result(new { disclosureComplete = missing.Count == 0, missingFields = missing, invention.CaseNumber, invention.Title });
    }
}

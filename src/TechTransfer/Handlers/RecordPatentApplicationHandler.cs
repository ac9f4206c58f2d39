using System.Text.Json.Nodes;
using TechTransfer.Inventions;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.recordPatentApplication</c>: in <c>applicationNumber</c>, <c>filingDate</c>, and when already granted
/// <c>patentNumber</c>, <c>grantDate</c>. Out: <c>patentGranted</c>.</summary>
public sealed class RecordPatentApplicationHandler(InventionService inventions) : DomainHandler
{
    public override string Name => "tt.recordPatentApplication";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var id = vars.Guid("inventionId");
        var actor = OnBehalfOfTaskCompleter(vars);
        var invention = await inventions.GetAsync(AsProcess(), id, ct);
        var number = vars.String("applicationNumber");
        if (invention.ApplicationNumber != number.Trim())
            invention = await inventions.RecordPatentApplicationAsync(actor, id, number, vars.Date("filingDate"), ct);
        if (vars.OptionalString("patentNumber") is { } patent && vars.OptionalDate("grantDate") is { } granted && invention.PatentNumber != patent.Trim())
            invention = await inventions.RecordGrantAsync(actor, id, patent, granted, ct);
        return Result(new { patentGranted = invention.GrantDate is not null });
    }
}

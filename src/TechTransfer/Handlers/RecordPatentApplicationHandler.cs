using System.Text.Json.Nodes;
using TechTransfer.Inventions;
using TechTransfer.Rewards;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.recordPatentApplication</c>: in <c>applicationNumber</c>, <c>filingDate</c>, and when already granted
/// <c>patentNumber</c>, <c>grantDate</c> and optionally <c>patentKind</c>. Out: <c>patentGranted</c>, and <c>grantRewardId</c>: the
/// reward on grant it opened (null when not granted, or when the kind is neither given nor readable from the number: the
/// office then gives it with the grant, <c>POST .../grant</c>).</summary>
public sealed class RecordPatentApplicationHandler(InventionService inventions, RewardService rewards) : DomainHandler
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
        Guid? grantRewardId = null;
        if (invention.PatentNumber is { } grantedNumber && invention.GrantDate is not null)
        {
            var kind = vars.OptionalString("patentKind") is { } k ? Common.Names.Parse<PatentKind>(k, "patentKind") : RewardService.KindOf(grantedNumber);
            if (kind is not null) grantRewardId = (await rewards.OpenGrantRewardAsync(actor, id, kind, ct)).Id;
        }
        return Result(new { patentGranted = invention.GrantDate is not null, grantRewardId });
    }
}

using System.Text.Json.Nodes;
using TechTransfer.Common;
using TechTransfer.Portfolio.Campaigns;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary>
/// <c>tt.recordIdleFundedAction</c>: the office's <c>idleAction</c> (open-licence, pool, state-reason) on a fiscally funded
/// patent left idle past the rule's years, with <c>idleReason</c> (required to state a reason). Out: <c>idleAction</c>, <c>pooled</c>.
/// </summary>
public sealed class RecordIdleFundedActionHandler(CampaignService campaigns) : DomainHandler
{
    public override string Name => "tt.recordIdleFundedAction";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var action = Names.Parse<IdleFundedAction>(vars.String("idleAction"), "idleAction");
        var entry = await campaigns.RecordIdleActionAsync(OnBehalfOfTaskCompleter(vars), vars.Guid("campaignId"), vars.Guid("patentId"), action,
            vars.OptionalString("idleReason"), ct);
        return Result(new { idleAction = Names.Kebab(entry.IdleAction!.Value), pooled = entry.Status == CampaignEntryStatus.Pooled });
    }
}

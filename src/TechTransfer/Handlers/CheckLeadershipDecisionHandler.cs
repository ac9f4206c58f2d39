using System.Text.Json.Nodes;
using TechTransfer.Common;
using TechTransfer.Leadership;
using TechTransfer.Licensing;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary>
/// <c>tt.checkLeadershipDecision</c>: whether the concluded deal needs the leadership's collective decision
/// (<see cref="LeadershipOptions"/>). In: <c>inventionId</c>, <c>agreedPrice</c>, <c>agreementKind</c> (the intended kind;
/// when not chosen yet, any kind that needs it counts). Out: <c>leadershipRequired</c>, <c>leadershipDue</c>.
/// </summary>
public sealed class CheckLeadershipDecisionHandler(LeadershipDecisionService leadership, TechTransferOptions options, TimeProvider clock) : DomainHandler
{
    public override string Name => "tt.checkLeadershipDecision";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var kind = vars.OptionalString("agreementKind") is { } k ? Names.Parse<AgreementKind>(k, "agreementKind") : (AgreementKind?)null;
        var required = await leadership.CheckAsync(AsProcess(vars), vars.Guid("inventionId"), kind, vars.OptionalDecimal("agreedPrice") ?? 0m, ct);
        return Result(new { leadershipRequired = required, leadershipDue = Iso(clock.GetUtcNow() + options.Leadership.DecisionTime) });
    }
}

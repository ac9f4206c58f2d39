using System.Text.Json.Nodes;
using TechTransfer.Common;
using TechTransfer.Leadership;
using TechTransfer.Licensing;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary>
/// <c>tt.recordLeadershipDecision</c>: the leadership meeting the office head minuted (<see cref="LeadershipDecisionService"/>).
/// In: <c>inventionId</c>, <c>meetingDate</c>, <c>attendees</c> (names, separated by commas), <c>leadershipResult</c>
/// (approved, rejected), <c>minutes</c>, <c>minutesAttachmentId</c> (the signed minutes attached to the case),
/// <c>agreementKind</c>, <c>agreedPrice</c>. A refusal throws its code as a BPMN error. Out: <c>leadershipResult</c>.
/// </summary>
public sealed class RecordLeadershipDecisionHandler(LeadershipDecisionService leadership) : DomainHandler
{
    public override string Name => "tt.recordLeadershipDecision";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var result = Names.Parse<LeadershipResult>(vars.String("leadershipResult"), "leadershipResult");
        var kind = vars.OptionalString("agreementKind") is { } k ? Names.Parse<AgreementKind>(k, "agreementKind") : (AgreementKind?)null;
        await leadership.RecordAsync(OnBehalfOfTaskCompleter(vars), vars.Guid("inventionId"), new LeadershipMeeting(
            vars.Date("meetingDate"), vars.Strings("attendees"), result, vars.String("minutes"), vars.Guid("minutesAttachmentId"),
            kind, vars.OptionalDecimal("agreedPrice") ?? 0m), ct);
        return Result(new { leadershipResult = Names.Kebab(result) });
    }
}

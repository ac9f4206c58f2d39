using System.Text.Json.Nodes;
using TechTransfer.Committees;
using TechTransfer.Common;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.recordCommitteeDecision</c>: the chair's close of the review (the task is the chair's alone), with
/// <c>minutes</c> and <c>attendance</c>. Out: <c>committeeOutcome</c> (approved / rejected / no-quorum), the tally.</summary>
public sealed class RecordCommitteeDecisionHandler(CommitteeService committees) : DomainHandler
{
    public override string Name => "tt.recordCommitteeDecision";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var reviewId = vars.Guid("reviewId");
        var chair = ActingUser.Process(vars.String("committeeChair")) with { Step = vars.Step };
        var view = await committees.GetAsync(chair, reviewId, ct);
        if (view.Status == ReviewStatus.Open)
        {
            await committees.CloseAsync(chair, reviewId, vars.OptionalString("minutes"), vars.Strings("attendance"), ct);
            view = await committees.GetAsync(chair, reviewId, ct);
        }
        var votes = view.Votes ?? [];
        return Result(new
        {
            committeeOutcome = Names.Kebab(view.Outcome!.Value),
            approvals = votes.Count(v => v.Choice == VoteChoice.Approve),
            rejections = votes.Count(v => v.Choice == VoteChoice.Reject),
            abstentions = votes.Count(v => v.Choice == VoteChoice.Abstain),
            recusals = view.Recused.Count,
        });
    }
}

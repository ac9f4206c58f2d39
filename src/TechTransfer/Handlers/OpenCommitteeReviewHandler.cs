using System.Text.Json.Nodes;
using TechTransfer.Committees;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.openCommitteeReview</c>: opens a review round of <c>committeeId</c> (or the configured default) on
/// <c>reviewSubject</c>. Out: <c>reviewId</c>, <c>committeeMembers</c> (the vote's collection), <c>committeeChair</c>,
/// <c>voteDue</c> and <c>closeDue</c> (ISO instants from the configured times), <c>quorum</c>.</summary>
public sealed class OpenCommitteeReviewHandler(CommitteeService committees, TechTransferOptions options, TimeProvider clock) : DomainHandler
{
    public override string Name => "tt.openCommitteeReview";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var review = await committees.OpenReviewAsync(AsProcess(), vars.Guid("inventionId"), vars.OptionalString("committeeId"),
            vars.OptionalString("reviewSubject"), ct);
        return Result(new
        {
            reviewId = review.Id,
            committeeMembers = CommitteeService.MembersOf(review),
            committeeChair = review.ChairId,
            voteDue = Iso(review.VotingEndsAt),
            closeDue = Iso(review.VotingEndsAt + options.Committee.ClosingTime),
            quorum = review.Quorum,
            reviewOpenedAt = Iso(clock.GetUtcNow()),
        });
    }
}

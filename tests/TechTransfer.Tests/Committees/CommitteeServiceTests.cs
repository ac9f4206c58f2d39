using TechTransfer.Committees;
using TechTransfer.Evidence;
using Workflows.Persistence;
using static TechTransfer.Tests.DomainHarness;

namespace TechTransfer.Tests.Committees;

public sealed class CommitteeServiceTests
{
    private static async Task<(DomainHarness H, CommitteeReview Review)> ReviewAsync(DatabaseProvider provider)
    {
        var h = await CreateAsync(provider);
        var invention = await h.AcceptedInventionAsync();
        var review = await h.Committees.OpenReviewAsync(Tom, invention.Id, null, "Assign to Acme by listing");
        return (h, review);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Vote_by_recused_member_is_rejected(DatabaseProvider provider)
    {
        var (h, review) = await ReviewAsync(provider);
        await using var _ = h;
        await h.Committees.DeclareConflictAsync(Member("m1"), review.Id, "My brother runs the buyer.");

        var refused = await Assert.ThrowsAsync<TechTransferException>(() =>
            h.Committees.CastVoteAsync(Member("m1"), review.Id, VoteChoice.Approve, "fine"));
        Assert.Equal(DomainErrorKind.Forbidden, refused.Kind);
        var view = await h.Committees.GetAsync(Member("m1"), review.Id);
        Assert.Equal(["m1"], view.Recused);
        Assert.Equal(0, view.BallotsCast);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Declaring_a_conflict_after_voting_withdraws_the_vote(DatabaseProvider provider)
    {
        var (h, review) = await ReviewAsync(provider);
        await using var _ = h;
        await h.Committees.CastVoteAsync(Member("m2"), review.Id, VoteChoice.Approve, "good price");
        await h.Committees.DeclareConflictAsync(Member("m2"), review.Id, "I hold shares in the buyer.");
        Assert.Equal(0, (await h.Committees.GetAsync(Chair, review.Id)).BallotsCast);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Votes_are_hidden_before_close(DatabaseProvider provider)
    {
        var (h, review) = await ReviewAsync(provider);
        await using var _ = h;
        await h.Committees.CastVoteAsync(Member("m1"), review.Id, VoteChoice.Reject, "too cheap");
        await h.Committees.CastVoteAsync(Member("m2"), review.Id, VoteChoice.Approve, "fair");
        await h.Committees.CastVoteAsync(Chair, review.Id, VoteChoice.Approve, "fair");

        foreach (var viewer in new[] { Member("m2"), Member("m3"), Chair, Tom })
        {
            var view = await h.Committees.GetAsync(viewer, review.Id);
            Assert.Null(view.Votes);
            Assert.Equal(3, view.BallotsCast);
        }
        Assert.Equal(VoteChoice.Approve, (await h.Committees.GetAsync(Member("m2"), review.Id)).MyVote!.Choice);
        Assert.Null((await h.Committees.GetAsync(Member("m3"), review.Id)).MyVote);
        // Nor does the evidence pack tell before the close.
        Assert.DoesNotContain(await h.Evidence.EntriesAsync(review.InventionId), e => e.Payload.Contains("too cheap"));

        await h.Committees.CloseAsync(Chair, review.Id, "Met on 2 March.", ["chen", "m1", "m2"]);
        var closed = await h.Committees.GetAsync(Member("m3"), review.Id);
        Assert.Equal(3, closed.Votes!.Count);
        Assert.Contains(closed.Votes, v => v.MemberId == "m1" && v.Reason == "too cheap");
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Only_the_chair_closes(DatabaseProvider provider)
    {
        var (h, review) = await ReviewAsync(provider);
        await using var _ = h;
        foreach (var notChair in new[] { Member("m1"), Tom, ActingUser.Create("zhou", DomainRoles.CommitteeChair) })
        {
            var refused = await Assert.ThrowsAsync<TechTransferException>(() => h.Committees.CloseAsync(notChair, review.Id, "minutes", []));
            Assert.Equal(DomainErrorKind.Forbidden, refused.Kind);
        }
        Assert.Equal(ReviewStatus.Open, (await h.Committees.GetAsync(Chair, review.Id)).Status);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Quorum_not_met_gives_no_decision(DatabaseProvider provider)
    {
        var (h, review) = await ReviewAsync(provider);
        await using var _ = h;
        await h.Committees.DeclareConflictAsync(Member("m1"), review.Id, "related");
        await h.Committees.CastVoteAsync(Member("m2"), review.Id, VoteChoice.Approve, "yes");
        await h.Committees.CastVoteAsync(Member("m3"), review.Id, VoteChoice.Approve, "yes");

        var closed = await h.Committees.CloseAsync(Chair, review.Id, "Two voted.", ["chen", "m1", "m2", "m3"]);

        Assert.Equal(ReviewOutcome.NoQuorum, closed.Outcome);
        Assert.Equal(3, closed.Quorum);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task A_simple_majority_of_votes_cast_decides_and_the_close_is_in_the_evidence(DatabaseProvider provider)
    {
        var (h, review) = await ReviewAsync(provider);
        await using var _ = h;
        await h.Committees.CastVoteAsync(Member("m1"), review.Id, VoteChoice.Approve, "a");
        await h.Committees.CastVoteAsync(Member("m2"), review.Id, VoteChoice.Approve, "b");
        await h.Committees.CastVoteAsync(Member("m3"), review.Id, VoteChoice.Reject, "c");
        await h.Committees.CastVoteAsync(Member("m4"), review.Id, VoteChoice.Abstain, "d");

        // 2 of 4 cast is not a majority: abstentions count as votes cast.
        var closed = await h.Committees.CloseAsync(Chair, review.Id, "Four voted.", ["chen", "m1", "m2", "m3", "m4"]);
        Assert.Equal(ReviewOutcome.Rejected, closed.Outcome);
        await Assert.ThrowsAsync<TechTransferException>(() => h.Committees.CastVoteAsync(Chair, review.Id, VoteChoice.Approve, "late"));
        var entry = (await h.Evidence.EntriesAsync(review.InventionId)).Last();
        Assert.Equal("committee.closed", entry.Action);
        Assert.Contains("\"attendance\"", entry.Payload);
        Assert.True((await h.Evidence.VerifyAsync(review.InventionId)).Intact);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Members_who_are_inventors_or_related_persons_of_the_counterparty_are_recused_when_the_review_opens(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var draft = await h.Inventions.CreateDraftAsync(Alice, CompleteDraft("Co-invented by a member", new("alice", "Alice", 50m), new("m1", "Member One", 50m)));
        await h.Inventions.SubmitAsync(Alice, draft.Id);
        await h.Inventions.AcceptAsync(Tom, draft.Id);

        var review = await h.Committees.OpenReviewAsync(Tom, draft.Id, null, "Licence to Acme", new CounterpartyTies("Acme Ltd.", ["m2", "not-a-member"]));

        var view = await h.Committees.GetAsync(Chair, review.Id);
        Assert.Equal(["m1", "m2"], view.Recused);
        Assert.Equal([new RecusalView("m1", RecusalReason.Inventor), new RecusalView("m2", RecusalReason.RelatedPerson)], view.Recusals);
        foreach (var recused in new[] { "m1", "m2" })
        {
            var refused = await Assert.ThrowsAsync<TechTransferException>(() => h.Committees.CastVoteAsync(Member(recused), review.Id, VoteChoice.Approve, "mine"));
            Assert.Equal(DomainErrorKind.Forbidden, refused.Kind);
        }
        var entries = (await h.Evidence.EntriesAsync(draft.Id)).Where(e => e.Action == "committee.recused-automatically").ToList();
        Assert.Equal(2, entries.Count);
        Assert.Contains(entries, e => e.Payload.Contains("\"member\":\"m1\"") && e.Payload.Contains("\"reason\":\"inventor\"") && e.Payload.Contains("50% contribution share"));
        Assert.Contains(entries, e => e.Payload.Contains("\"member\":\"m2\"") && e.Payload.Contains("\"reason\":\"related-person\"") && e.Payload.Contains("Acme Ltd."));

        // Quorum follows: three of the five may vote, and three votes make the quorum.
        foreach (var voter in new[] { Member("m3"), Member("m4"), Chair }) await h.Committees.CastVoteAsync(voter, review.Id, VoteChoice.Approve, "Sound.");
        var closed = await h.Committees.CloseAsync(Chair, review.Id, "Three voted, two recused.", ["chen", "m3", "m4"]);
        Assert.Equal(ReviewOutcome.Approved, closed.Outcome);
        Assert.Contains("\"reason\":\"inventor\"", (await h.Evidence.EntriesAsync(draft.Id)).Last().Payload);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task A_non_member_cannot_vote_nor_read_the_review(DatabaseProvider provider)
    {
        var (h, review) = await ReviewAsync(provider);
        await using var _ = h;
        var outsider = Member("zz");
        Assert.Equal(DomainErrorKind.Forbidden,
            (await Assert.ThrowsAsync<TechTransferException>(() => h.Committees.CastVoteAsync(outsider, review.Id, VoteChoice.Approve, "x"))).Kind);
        Assert.Equal(DomainErrorKind.NotFound, (await Assert.ThrowsAsync<TechTransferException>(() => h.Committees.GetAsync(outsider, review.Id))).Kind);
    }
}

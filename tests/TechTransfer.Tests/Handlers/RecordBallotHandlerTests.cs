using System.Text.Json.Nodes;
using TechTransfer.Committees;
using TechTransfer.Handlers;
using Workflows.Engine.Contracts;
using Workflows.Persistence;
using static TechTransfer.Tests.DomainHarness;

namespace TechTransfer.Tests.Handlers;

/// <summary><c>tt.recordBallot</c> records a ballot for whoever completed the vote task, and only when that is its member.</summary>
public sealed class RecordBallotHandlerTests
{
    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task A_ballot_submitted_by_anyone_but_its_member_is_refused_and_nothing_is_recorded(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var invention = await h.AcceptedInventionAsync();
        var review = await h.Committees.OpenReviewAsync(Tom, invention.Id, null, "Licence");
        var handler = h.Get<IEnumerable<IServiceTaskHandler>>().OfType<RecordBallotHandler>().Single();

        Task<JsonObject?> Ballot(string member, string? completedBy) => handler.ExecuteAsync(new ServiceTaskContext(Guid.NewGuid(), "committee-review",
            invention.CaseNumber, "Task_Ballot", new JsonObject
            {
                ["reviewId"] = review.Id.ToString(), ["member"] = member, [DomainHandler.CompletedBy] = completedBy,
                ["conflict"] = false, ["vote"] = "approve", ["reason"] = "Counted as the member's.",
            }, new Dictionary<string, string>(), 1), CancellationToken.None);

        foreach (var forger in new[] { "alice", "m2", null })
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Ballot("m1", forger));
            Assert.Contains("only for the member who cast it", refused.Message);
        }
        Assert.Equal(0, (await h.Committees.GetAsync(Chair, review.Id)).BallotsCast);

        var recorded = await Ballot("m1", "m1");
        Assert.Equal(JsonValue.Create(false)!.ToJsonString(), recorded!["recused"]!.ToJsonString());
        Assert.Equal(VoteChoice.Approve, (await h.Committees.GetAsync(Member("m1"), review.Id)).MyVote!.Choice);
    }
}

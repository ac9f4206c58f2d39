using System.Text.Json.Nodes;
using TechTransfer.Pricing;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime.State;
using Workflows.Persistence;
using static TechTransfer.Tests.DomainHarness;

namespace TechTransfer.Tests.Workflows;

public sealed class PricingProcessTests
{
    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task An_objection_during_the_notice_is_decided_before_the_price_concludes_at_the_end_of_the_full_window(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        await ProcessDriver.PublishShippedAsync(h);
        var invention = await h.AcceptedInventionAsync();
        var p = new ProcessDriver(h, invention.CaseNumber);
        var instance = await h.Runtime.StartAsync(new StartRequest
        {
            ProcessId = "pricing-agreement", BusinessKey = invention.CaseNumber,
            Variables = new()
            {
                ["inventionId"] = invention.Id.ToString(), ["price"] = 500_000, ["counterparty"] = "Acme Ltd", ["relatedParty"] = false,
                ["valuationBasis"] = "Appraisal 2026-02", [TechTransfer.Handlers.DomainHandler.CompletedBy] = "tom",
            },
        });
        var notice = await h.Pricing.FindOpenAsync(invention.Id, PricingMethod.Agreement) ?? throw new InvalidOperationException("no notice" + await p.IncidentsAsync());
        Assert.Equal(Start + TimeSpan.FromDays(15), notice.WindowEndsAt);

        // Day 3: an objection is lodged and the process is told (as the host's endpoint does after the domain accepted it).
        h.Clock.Advance(TimeSpan.FromDays(3));
        var objection = await h.Pricing.LodgeObjectionAsync(Bob, notice.Id, "The price ignores the PCT filing.");
        Assert.Equal(1, await h.Runtime.CorrelateMessageAsync("PublicNoticeObjection", invention.CaseNumber,
            new JsonObject { ["objectionId"] = objection.Id.ToString() }));
        await p.CompleteAsync("Task_Investigate", "tom", "technology-manager",
            new { objectionUpheld = false, objectionResolution = "The appraisal included the PCT filing; dismissed." });

        // Dismissed: the notice still runs its full window, to the second.
        Assert.Equal(0, await h.AdvanceAsync(notice.WindowEndsAt - h.Clock.GetUtcNow() - TimeSpan.FromSeconds(1)));
        Assert.Equal(PricingStatus.Open, (await h.Pricing.GetAsync(Tom, notice.Id)).Record.Status);
        Assert.Equal(InstanceStatus.Running, (await h.Store.GetInstanceAsync(instance.Id))!.Status);
        Assert.Equal(1, await h.AdvanceAsync(TimeSpan.FromSeconds(1)));

        var done = (await h.Store.GetInstanceAsync(instance.Id))!;
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal("concluded", done.State.Variables["pricingStatus"]!.GetValue<string>());
        Assert.Equal(PricingStatus.Concluded, (await h.Pricing.GetAsync(Tom, notice.Id)).Record.Status);
        Assert.Contains(await h.Evidence.EntriesAsync(invention.Id), e => e.Action == "notice.objection-resolved" && e.Actor == "process:tom");
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task An_auction_with_no_valid_bid_fails_cleanly_back_to_the_office(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        await ProcessDriver.PublishShippedAsync(h);
        var invention = await h.AcceptedInventionAsync();
        var p = new ProcessDriver(h, invention.CaseNumber);
        var instance = await h.Runtime.StartAsync(new StartRequest
        {
            ProcessId = "pricing-auction", BusinessKey = invention.CaseNumber,
            Variables = new() { ["inventionId"] = invention.Id.ToString(), ["reservePrice"] = 300_000 },
        });
        var auction = await h.Pricing.FindOpenAsync(invention.Id, PricingMethod.Auction) ?? throw new InvalidOperationException("no auction" + await p.IncidentsAsync());
        await h.Pricing.PlaceBidAsync(Tom, auction.Id, "Acme Ltd", 200_000m); // below the reserve: recorded, not valid
        await h.AdvanceAsync(TimeSpan.FromDays(1));

        var failed = await p.TaskAsync("Task_Failed");
        Assert.Contains("technology-manager", failed.CandidateGroups);
        Assert.Empty(await h.Store.GetOpenIncidentsAsync());
        await p.CompleteAsync("Task_Failed", "tom", "technology-manager", new { failedAuctionDecision = "lower-base", note = "Ask the committee for 250,000." });
        var done = (await h.Store.GetInstanceAsync(instance.Id))!;
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal("failed", done.State.Variables["pricingStatus"]!.GetValue<string>());
        Assert.Equal(PricingStatus.Failed, (await h.Pricing.GetAsync(Tom, auction.Id)).Record.Status);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task A_committee_without_quorum_goes_to_the_office_head(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider, o => o.Committee.Committees[0].Members = ["chen", "m1", "m2"]);
        await ProcessDriver.PublishShippedAsync(h);
        var invention = await h.AcceptedInventionAsync();
        var p = new ProcessDriver(h, invention.CaseNumber);
        await h.Runtime.StartAsync(new StartRequest
        {
            ProcessId = "committee-review", BusinessKey = invention.CaseNumber,
            Variables = new() { ["inventionId"] = invention.Id.ToString(), ["reviewSubject"] = "Licence to Acme" },
        });
        await p.CompleteAsync("Task_Vote", "m1", "committee-member", new { conflict = true, conflictStatement = "Acme is my brother's." }, "m1");
        await p.CompleteAsync("Task_Vote", "m2", "committee-member", new { vote = "approve", reason = "ok" }, "m2");
        // The chair does not vote before the deadline: voting closes on the timer and the chair is asked to close.
        await h.AdvanceAsync(h.Options.Committee.VotingTime);
        await p.CompleteAsync("Task_Close", "chen", "committee-chair", new { minutes = "One vote, one recusal.", attendance = "chen,m1,m2" });

        var next = await p.TaskAsync("Task_NoQuorum");
        Assert.Contains("office-head", next.CandidateGroups);
        var review = (await h.Committees.ListAsync(Tom, invention.Id)).Single();
        Assert.Equal(TechTransfer.Committees.ReviewOutcome.NoQuorum, review.Outcome);
    }
}

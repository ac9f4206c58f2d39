using TechTransfer.Evidence;
using TechTransfer.Handlers;
using TechTransfer.Inventions;
using TechTransfer.Licensing;
using TechTransfer.Pricing;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using Workflows.Persistence;
using static TechTransfer.Tests.DomainHarness;

namespace TechTransfer.Tests.Workflows;

/// <summary>The shipped workflows, run as they are on the engine (EF store on a real database, the real handlers, timers fired on a manual clock).</summary>
public sealed class InventionTransferProcessTests
{
    private const string Office = "technology-manager";

    [Fact]
    public async Task Shipped_workflows_are_valid_with_the_registered_handlers()
    {
        await using var h = await CreateAsync(DatabaseProvider.Sqlite);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "workflows"), "*.bpmn"))
        {
            var result = h.Runtime.Validate(await File.ReadAllTextAsync(file));
            Assert.True(result.IsValid, Path.GetFileName(file) + ": " + string.Join("; ", result.Diagnostics));
            Assert.Empty(result.Diagnostics);
        }
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Invention_goes_from_disclosure_to_a_recorded_licence_via_listing_with_two_parties_and_auction(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        await ProcessDriver.PublishShippedAsync(h);
        var invention = await h.SubmittedInventionAsync();
        var p = new ProcessDriver(h, invention.CaseNumber);
        var main = await h.Runtime.StartAsync(new StartRequest
        {
            ProcessId = "invention-transfer", BusinessKey = invention.CaseNumber, StartedBy = "alice",
            Variables = new() { ["inventionId"] = invention.Id.ToString(), ["inventorId"] = "alice" },
        });

        // Disclosure: the office returns it with a question, the inventor answers, the office accepts.
        await p.CompleteAsync("Task_Screen", "tom", Office, new { screeningDecision = "questions", questions = "Which grant funded it?" });
        Assert.Equal(InventionStatus.Returned, (await h.Inventions.GetAsync(Tom, invention.Id)).Status);
        await p.CompleteAsync("Task_Revise", "alice", "inventor", new { answer = "NSFC 62371234, see the updated disclosure." });
        await p.CompleteAsync("Task_Screen", "tom", Office, new { screeningDecision = "accept" });
        Assert.Equal(InventionStatus.Accepted, (await h.Inventions.GetAsync(Tom, invention.Id)).Status);

        // Pre-filing assessment: file.
        await p.CompleteAsync("Task_Score", "tom", Office, new
        {
            technicalValue = 4, marketProspects = 5, legalStrength = 4, draftQuality = 3, strategicFit = 4,
            assessmentOutcome = "file", filingRoute = "invention patent",
        });
        await p.CompleteAsync("Task_Apply", "tom", Office, new { applicationNumber = "CN202610012345.6", filingDate = "2026-03-05" });
        await p.CompleteAsync("Task_Prepare", "tom", Office, new
        {
            pricingMethod = "listing", reviewSubject = "Exclusive licence by listing at 300,000 yuan", basePrice = 300_000,
            valuation = 320_000, valuationBasis = "Appraisal by Zhejiang Assets Appraisal Co.",
        });

        // Committee: one member recuses, three approve, one rejects; only the chair's task closes it.
        var votes = (await p.OpenTasksAsync()).Where(t => t.ElementId == "Task_Vote").Select(t => t.Assignee).Order().ToList();
        Assert.Equal(["chen", "m1", "m2", "m3", "m4"], votes);
        await p.CompleteAsync("Task_Vote", "m1", "committee-member", new { conflict = true, conflictStatement = "My spouse works for Acme." }, "m1");
        foreach (var member in new[] { "chen", "m2", "m3" })
            await p.CompleteAsync("Task_Vote", member, "committee-member", new { vote = "approve", reason = "Fair base price." }, member);
        await p.CompleteAsync("Task_Vote", "m4", "committee-member", new { vote = "reject", reason = "Too early." }, "m4");
        var close = await p.TaskAsync("Task_Close");
        Assert.Equal("chen", close.Assignee);
        await Assert.ThrowsAsync<ForbiddenException>(() => h.Runtime.CompleteTaskAsync(close.Id, new Actor("m2", ["committee-member"]), null));
        await p.CompleteAsync("Task_Close", "chen", "committee-chair", new { minutes = "Met on 25 March; m1 recused.", attendance = "chen,m1,m2,m3,m4" });
        var review = (await h.Committees.ListAsync(Tom, invention.Id)).Single();
        Assert.Equal(TechTransfer.Committees.ReviewOutcome.Approved, review.Outcome);
        Assert.Equal((3, 1), (review.Approvals, review.Rejections));

        // Listing: the window is a timer; two parties register; it cannot end early.
        var listing = await h.Pricing.FindOpenAsync(invention.Id, PricingMethod.Listing) ?? throw new InvalidOperationException("no listing");
        await h.Pricing.RegisterInterestAsync(Tom, listing.Id, "Acme Ltd");
        await h.Pricing.RegisterInterestAsync(Tom, listing.Id, "Beta Corp");
        Assert.Equal(0, await h.AdvanceAsync(listing.WindowEndsAt - h.Clock.GetUtcNow() - TimeSpan.FromMinutes(1)));
        Assert.True(await h.AdvanceAsync(TimeSpan.FromMinutes(1)) >= 1);
        Assert.Equal(PricingStatus.ToAuction, (await h.Pricing.GetAsync(Tom, listing.Id)).Record.Status);

        // Auction among the two: the highest valid bid wins.
        var auction = await h.Pricing.FindOpenAsync(invention.Id, PricingMethod.Auction) ?? throw new InvalidOperationException("no auction" + await p.IncidentsAsync());
        await h.Pricing.PlaceBidAsync(Tom, auction.Id, "Acme Ltd", 340_000m);
        await h.Pricing.PlaceBidAsync(Tom, auction.Id, "Beta Corp", 355_000m);
        await h.AdvanceAsync(TimeSpan.FromDays(1));

        var sign = await p.TaskAsync("Task_Sign");
        Assert.NotNull(sign.DueAt); // within the configured working days of the result
        var vars = (await h.Store.GetInstanceAsync(main.Id))!.State.Variables;
        Assert.Equal("Beta Corp", vars["counterparty"]!.GetValue<string>());
        Assert.Equal(auction.Id.ToString(), vars["pricingId"]!.GetValue<string>());
        await p.CompleteAsync("Task_Sign", "tom", Office, new
        {
            agreementKind = "exclusive-licence", counterparty = "Beta Corp", consideration = 355_000, effectiveDate = "2026-04-15",
            termStart = "2026-04-15", termEnd = "2031-04-14",
        });

        // Recordal: due 3 months after the contract takes effect, with reminders before.
        var file = await p.TaskAsync("Task_File");
        Assert.Equal(new DateTimeOffset(2026, 7, 15, 23, 59, 59, TimeSpan.FromHours(8)), file.DueAt);
        var agreement = (await h.Agreements.ListAsync(Tom, invention.Id)).Single();
        Assert.Equal(new DateOnly(2026, 7, 15), (await h.Agreements.ListFilingsAsync(Tom, agreement.Id)).Single().DueDate);
        await p.CompleteAsync("Task_File", "tom", Office, new { submittedOn = "2026-04-20", filingReference = "CNIPA-BA-2026-0420" });
        await p.CompleteAsync("Task_Decision", "tom", Office, new { filingAccepted = true, decidedOn = "2026-04-28" });

        // Income and the split (configured 50% to the inventors by default).
        await p.CompleteAsync("Task_Income", "tom", Office, new { income = 355_000, costs = 5_000, taxes = 21_000 });

        Assert.Equal(InstanceStatus.Completed, (await h.Store.GetInstanceAsync(main.Id))!.Status);
        Assert.Equal(InventionStatus.Transferred, (await h.Inventions.GetAsync(Tom, invention.Id)).Status);
        var split = (await h.Revenue.ListAsync(Alice, invention.Id)).Single();
        Assert.Equal(329_000m, split.NetIncome);
        Assert.Equal(164_500m, split.InventorPool);
        Assert.Equal([98_700m, 49_350m, 16_450m], split.Shares.OrderByDescending(s => s.Amount).Select(s => s.Amount));
        Assert.Empty(await h.Store.GetOpenIncidentsAsync());

        var pack = await h.Get<EvidencePackService>().GetAsync(Tom, invention.Id);
        Assert.True((await h.Evidence.VerifyAsync(invention.Id)).Intact);
        Assert.Equal(
            ["disclosure.drafted", "disclosure.submitted", "disclosure.returned", "disclosure.answered", "disclosure.submitted", "disclosure.accepted", "assessment.opened",
             "assessment.decided", "patent.applied", "committee.opened", "committee.conflict-declared", "committee.vote-cast", "committee.vote-cast",
             "committee.vote-cast", "committee.vote-cast", "committee.closed", "listing.opened", "listing.interest-registered",
             "listing.interest-registered", "listing.closed", "auction.opened", "auction.bid", "auction.bid", "auction.closed", "agreement.signed",
             "filing.submitted", "filing.decided", "revenue.split"],
            pack.Select(e => e.Action));
        Assert.Contains(pack, e => e.Action == "disclosure.returned" && e.Actor == "process:tom");
        // The inventors' answer is in the record beside the questions it answers, not only in the process's variables.
        var answered = pack.Single(e => e.Action == "disclosure.answered");
        Assert.Contains("NSFC 62371234, see the updated disclosure.", answered.Payload);
        Assert.Contains("\"questions\"", answered.Payload);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task A_passed_recordal_deadline_escalates_to_the_office_head(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        await ProcessDriver.PublishShippedAsync(h);
        var invention = await h.AcceptedInventionAsync();
        var auction = await h.Pricing.OpenAuctionAsync(Tom, invention.Id, 100_000m, null);
        await h.Pricing.PlaceBidAsync(Tom, auction.Id, "Acme Ltd", 100_000m);
        h.Clock.Advance(TimeSpan.FromDays(1));
        await h.Pricing.CloseAuctionAsync(Tom, auction.Id);
        var licence = await h.Agreements.SignAsync(Tom, invention.Id, new AgreementTerms(AgreementKind.OrdinaryLicence, "Acme Ltd", 100_000m,
            new DateOnly(2026, 3, 3), auction.Id));
        var p = new ProcessDriver(h, invention.CaseNumber);
        await h.Runtime.StartAsync(new StartRequest
        {
            ProcessId = "licence-filing", BusinessKey = invention.CaseNumber,
            Variables = new() { ["inventionId"] = invention.Id.ToString(), ["agreementId"] = licence.Id.ToString() },
        });
        var file = await p.TaskAsync("Task_File");
        Assert.Equal(new DateTimeOffset(2026, 6, 3, 23, 59, 59, TimeSpan.FromHours(8)), file.DueAt);

        // Reminders 14 and 3 days before; nothing escalates until the deadline has passed.
        await h.AdvanceAsync(file.DueAt!.Value - h.Clock.GetUtcNow() - TimeSpan.FromDays(1));
        await p.TaskAsync("Task_File");
        var reminders = (await h.Store.GetPendingOutboxAsync(DateTimeOffset.MaxValue, 1000)).Count(m => m.Payload.Contains(NotificationKinds.TaskReminder));
        Assert.Equal(2, reminders);
        await h.AdvanceAsync(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));

        var overdue = await p.TaskAsync("Task_Overdue");
        Assert.Contains("office-head", overdue.CandidateGroups);
        Assert.DoesNotContain(await p.OpenTasksAsync(), t => t.ElementId == "Task_File");
        await p.CompleteAsync("Task_Overdue", "olivia", "office-head", new { submittedOn = "2026-06-04", filingReference = "late-1" });
        var filing = (await h.Agreements.ListFilingsAsync(Tom, licence.Id)).Single();
        Assert.Equal(FilingStatus.Submitted, filing.Status);
        Assert.Contains(await h.Evidence.EntriesAsync(invention.Id), e => e.Action == "filing.submitted" && e.Payload.Contains("\"late\":true"));
    }
}

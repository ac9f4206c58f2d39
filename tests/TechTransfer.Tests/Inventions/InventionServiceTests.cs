using TechTransfer.Committees;
using TechTransfer.Inventions;
using Workflows.Persistence;
using static TechTransfer.Tests.DomainHarness;

namespace TechTransfer.Tests.Inventions;

public sealed class InventionServiceTests
{
    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Shares_must_sum_to_100_to_submit(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var draft = await h.Inventions.CreateDraftAsync(Alice, CompleteDraft("Sensor", new("alice", "Alice", 60m), new("bob", "Bob", 39.99m)));

        var refused = await Assert.ThrowsAsync<TechTransferException>(() => h.Inventions.SubmitAsync(Alice, draft.Id));
        Assert.Equal("shares-not-100", refused.Code);
        Assert.Equal("inventors", refused.Field);
        Assert.Equal(InventionStatus.Draft, (await h.Inventions.GetAsync(Alice, draft.Id)).Status);

        await h.Inventions.UpdateDraftAsync(Alice, draft.Id, CompleteDraft("Sensor", new("alice", "Alice", 60m), new("bob", "Bob", 40m)));
        var submitted = await h.Inventions.SubmitAsync(Alice, draft.Id);
        Assert.Equal(InventionStatus.Submitted, submitted.Status);
        Assert.Equal([60m, 40m], (await h.Inventions.GetAsync(Tom, draft.Id)).Inventors.Select(i => i.Share));
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Case_numbers_count_up_within_the_year(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var first = await h.Inventions.CreateDraftAsync(Alice, CompleteDraft("One"));
        var second = await h.Inventions.CreateDraftAsync(Bob, CompleteDraft("Two"));
        Assert.Equal("INV-2026-0001", first.CaseNumber);
        Assert.Equal("INV-2026-0002", second.CaseNumber);
        Assert.Equal(second.Id, (await h.Inventions.GetByCaseNumberAsync(Bob, "INV-2026-0002")).Id);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task An_inventor_sees_only_inventions_they_are_on(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var mine = await h.Inventions.CreateDraftAsync(Alice, CompleteDraft("Mine", new InventorShare("alice", "Alice", 100m)));
        var stranger = ActingUser.Create("dave", DomainRoles.Inventor);

        var hidden = await Assert.ThrowsAsync<TechTransferException>(() => h.Inventions.GetAsync(stranger, mine.Id));
        Assert.Equal(DomainErrorKind.NotFound, hidden.Kind);
        Assert.Empty(await h.Inventions.ListAsync(stranger));
        await Assert.ThrowsAsync<TechTransferException>(() => h.Inventions.UpdateDraftAsync(stranger, mine.Id, CompleteDraft("Taken", new InventorShare("dave", "Dave", 100m))));
        Assert.Single(await h.Inventions.ListAsync(Alice));
        Assert.Empty(await h.Inventions.ListAsync(Tom)); // a draft, not yet the office's
        await h.Inventions.SubmitAsync(Alice, mine.Id);
        Assert.Single(await h.Inventions.ListAsync(Tom));
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task A_draft_and_its_attachments_are_seen_only_by_its_inventors_and_whoever_filed_it(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var draft = await h.Inventions.CreateDraftAsync(Alice, CompleteDraft("Unsubmitted"));
        var file = await h.Attachments.UploadAsync(Bob, draft.Id, "notes.txt", "text/plain", new MemoryStream("Lab notebook, page 12."u8.ToArray()));
        var filedByOffice = await h.Inventions.CreateDraftAsync(Tom, CompleteDraft("Filed by the office"));

        foreach (var reader in new[] { Tom, Chair, Member("m1"), ActingUser.Create("head", DomainRoles.OfficeHead), ActingUser.Create("dave", DomainRoles.Inventor) })
        {
            Assert.Equal(DomainErrorKind.NotFound, (await Assert.ThrowsAsync<TechTransferException>(() => h.Inventions.GetAsync(reader, draft.Id))).Kind);
            Assert.Equal(DomainErrorKind.NotFound, (await Assert.ThrowsAsync<TechTransferException>(() => h.Attachments.ListAsync(reader, draft.Id))).Kind);
            Assert.Equal(DomainErrorKind.NotFound, (await Assert.ThrowsAsync<TechTransferException>(() => h.Attachments.OpenAsync(reader, file.Id))).Kind);
            Assert.DoesNotContain(await h.Inventions.ListAsync(reader), i => i.Id == draft.Id);
        }
        foreach (var inventor in new[] { Alice, Bob, Carol }) Assert.Single(await h.Attachments.ListAsync(inventor, draft.Id));
        Assert.Equal("Filed by the office", (await h.Inventions.GetAsync(Tom, filedByOffice.Id)).Title);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task A_committee_member_sees_a_case_only_once_their_committee_reviews_it(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider, o => o.Committee.Committees.Add(new CommitteeDefinition { Id = "other", Chair = "zhou", Members = ["zhou", "x1"] }));
        var invention = await h.AcceptedInventionAsync();
        var other = ActingUser.Create("x1", DomainRoles.CommitteeMember);

        foreach (var reader in new[] { Member("m1"), Chair, other })
            Assert.Equal(DomainErrorKind.NotFound, (await Assert.ThrowsAsync<TechTransferException>(() => h.Inventions.GetAsync(reader, invention.Id))).Kind);
        Assert.Empty(await h.Inventions.ListAsync(Member("m1")));

        var review = await h.Committees.OpenReviewAsync(Tom, invention.Id, null, "Licence");
        foreach (var reader in new[] { Member("m1"), Chair })
        {
            Assert.Equal(invention.Id, (await h.Inventions.GetAsync(reader, invention.Id)).Id);
            Assert.Single(await h.Inventions.ListAsync(reader));
            await h.Pricing.ListAsync(reader, invention.Id);
        }
        Assert.Equal(DomainErrorKind.NotFound, (await Assert.ThrowsAsync<TechTransferException>(() => h.Inventions.GetAsync(other, invention.Id))).Kind);
        Assert.Equal(DomainErrorKind.Forbidden, (await Assert.ThrowsAsync<TechTransferException>(() => h.Pricing.ListAsync(other, invention.Id))).Kind);

        // And afterwards: the record of what they decided stays theirs to read.
        await h.Committees.CloseAsync(Chair, review.Id, "Nobody voted.", ["chen"]);
        Assert.Equal(invention.Id, (await h.Inventions.GetAsync(Member("m1"), invention.Id)).Id);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task A_returned_disclosure_is_edited_and_submitted_again_but_a_submitted_one_is_not_editable(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var invention = await h.SubmittedInventionAsync();
        await Assert.ThrowsAsync<TechTransferException>(() => h.Inventions.UpdateDraftAsync(Alice, invention.Id, CompleteDraft("Changed")));
        await Assert.ThrowsAsync<TechTransferException>(() => h.Inventions.ReturnToInventorsAsync(Alice, invention.Id, "self-return"));

        await h.Inventions.ReturnToInventorsAsync(Tom, invention.Id, "Which funder?");
        await h.Inventions.UpdateDraftAsync(Bob, invention.Id, CompleteDraft("Changed"));
        Assert.Equal(InventionStatus.Submitted, (await h.Inventions.SubmitAsync(Bob, invention.Id)).Status);
    }

    [Fact]
    public async Task Text_over_its_limit_or_with_forbidden_characters_is_refused_naming_the_field_and_nothing_is_stored()
    {
        await using var h = await CreateAsync(DatabaseProvider.Sqlite, o => o.Limits.Abstract = 1000);
        var cases = new (string Name, InventionDraft Draft, string Field, string Code)[]
        {
            ("abstract over its configured limit", CompleteDraft() with { Abstract = new string('a', 1001) }, "abstract", "too-long"),
            ("5 MB prior art", CompleteDraft() with { PriorArt = new string('p', 5 * 1024 * 1024) }, "priorArt", "too-long"),
            ("1 MB inventor name", CompleteDraft("Sensor", new InventorShare("alice", new string('n', 1024 * 1024), 100m)), "inventors[0].name", "too-long"),
            ("31 inventors", CompleteDraft("Sensor", Enumerable.Range(0, 31).Select(i => new InventorShare($"u{i}", $"U{i}", 1m)).ToArray()), "inventors", "too-many"),
            ("NUL in the title", CompleteDraft("Sensor\0"), "title", "forbidden-character"),
            ("right-to-left override in the title", CompleteDraft("Sensor \u202Efdp.exe"), "title", "forbidden-character"),
            ("bidi isolate in the abstract", CompleteDraft() with { Abstract = "A \u2066hidden\u2069 claim" }, "abstract", "forbidden-character"),
            ("line break in the title", CompleteDraft("Sensor\r\nSecond line"), "title", "line-break"),
            ("line break in an inventor's name", CompleteDraft("Sensor", new InventorShare("alice", "Alice\nBcc", 100m)), "inventors[0].name", "line-break"),
        };
        foreach (var c in cases)
        {
            var refused = await Assert.ThrowsAsync<TechTransferException>(() => h.Inventions.CreateDraftAsync(Alice, c.Draft));
            Assert.True((c.Field, c.Code) == (refused.Field, refused.Code), $"{c.Name}: {refused.Field} {refused.Code} {refused.Message}");
        }
        Assert.Empty(await h.Inventions.ListAsync(Tom));

        // At the limit, and with line breaks where text has paragraphs: accepted; an edit is held to the same rules.
        var draft = await h.Inventions.CreateDraftAsync(Alice, CompleteDraft() with { Abstract = new string('a', 999) + "\n" });
        var edit = await Assert.ThrowsAsync<TechTransferException>(() => h.Inventions.UpdateDraftAsync(Alice, draft.Id, CompleteDraft() with { Funder = "NSFC\u202E" }));
        Assert.Equal("funder", edit.Field);
        Assert.Equal("National Natural Science Foundation", (await h.Inventions.GetAsync(Alice, draft.Id)).Funder);
    }
}

using TechTransfer.Evidence;
using TechTransfer.Inventions;
using TechTransfer.Licensing;
using TechTransfer.Pricing;
using TechTransfer.Rewards;
using Workflows.Engine.Contracts;
using Workflows.Persistence;
using Workflows.Persistence.Sealing;
using static TechTransfer.Tests.DomainHarness;

namespace TechTransfer.Tests.Evidence;

/// <summary>
/// A dishonest insider with the database (and the product's source) but not the record seal's key: every way of
/// rewriting a case's evidence that a recomputed hash chain alone would let through is seen (issue 14).
/// </summary>
public sealed class EvidenceSealTests
{
    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Deleting_the_last_entries_is_detected_by_the_checkpoint_outside_the_database(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var invention = await SignedCaseAsync(h);
        var count = (await h.Evidence.EntriesAsync(invention.Id)).Count;

        await h.ExecuteAsync("DELETE FROM tt_evidence WHERE sequence > @p0", count - 2);

        var verdict = await h.Evidence.VerifyAsync(invention.Id);
        Assert.False(verdict.Intact);
        Assert.Equal(count - 1, verdict.BrokenAt);
        Assert.Contains("were deleted", verdict.Problem);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Rewriting_an_entry_and_recomputing_every_later_hash_is_detected_by_the_seal(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var invention = await h.AcceptedInventionAsync();
        Assert.True((await h.Evidence.VerifyAsync(invention.Id)).Intact);

        // Who accepted the disclosure is rewritten, and every hash from there on recomputed: the chain links again.
        var entries = await h.Evidence.EntriesAsync(invention.Id);
        entries[2].Actor = "mallory";
        for (var i = 2; i < entries.Count; i++)
        {
            entries[i].PreviousHash = entries[i - 1].Hash;
            entries[i].Hash = EvidenceLog.HashOf(entries[i]);
            await h.ExecuteAsync("UPDATE tt_evidence SET actor = @p0, previous_hash = @p1, hash = @p2 WHERE sequence = @p3",
                entries[i].Actor, entries[i].PreviousHash, entries[i].Hash, entries[i].Sequence);
        }

        var verdict = await h.Evidence.VerifyAsync(invention.Id);
        Assert.False(verdict.Intact);
        Assert.Equal(3, verdict.BrokenAt);
        Assert.Contains("record seal", verdict.Problem);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Deleting_every_entry_of_an_invention_is_detected(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var invention = await h.AcceptedInventionAsync();

        await h.ExecuteAsync("DELETE FROM tt_evidence");

        var verdict = await h.Evidence.VerifyAsync(invention.Id);
        Assert.False(verdict.Intact);
        Assert.Equal(0, verdict.Entries);
        Assert.Equal(1, verdict.BrokenAt);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Deleting_every_entry_and_the_invention_leaves_its_checkpoints_outside_the_database(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var invention = await h.AcceptedInventionAsync();

        await h.ExecuteAsync("DELETE FROM tt_evidence");
        await h.ExecuteAsync("DELETE FROM tt_inventors");
        await h.ExecuteAsync("DELETE FROM tt_inventions");

        var verdict = await h.Evidence.VerifyAsync(invention.Id);
        Assert.False(verdict.Intact);
        Assert.Contains("entries 1 to 3 were deleted", verdict.Problem);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task A_forged_line_in_the_checkpoint_file_is_detected(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var invention = await h.AcceptedInventionAsync();
        var journal = h.Get<CheckpointJournal>();
        // Someone shortens the chain and writes a checkpoint that vouches for the shorter one, without the key.
        var head = (await h.Evidence.EntriesAsync(invention.Id))[1];
        journal.Append([new SignedCheckpoint(EvidenceLog.ChainOf(invention.Id), 2, head.Hash, h.Clock.GetUtcNow(), "forged", Convert.ToBase64String(new byte[64]))]);

        var verdict = await h.Evidence.VerifyAsync(invention.Id);
        Assert.False(verdict.Intact);
        Assert.Contains("did not sign", verdict.Problem);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task The_public_key_alone_verifies_the_seal_and_cannot_sign(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var invention = await h.AcceptedInventionAsync();
        var key = Path.Combine(h.DataPath, RecordSealFiles.DefaultKeyFile);
        Assert.True(File.Exists(key));
        if (!OperatingSystem.IsWindows()) Assert.Equal(OwnerOnlyFiles.FileMode, File.GetUnixFileMode(key));
        var publicOnly = Ed25519RecordSeal.FromPublicKey(((Ed25519RecordSeal)h.Get<IRecordSeal>()).PublicKeyPem);

        var entries = await h.Evidence.EntriesAsync(invention.Id);
        Assert.All(entries, e => Assert.True(publicOnly.Verify(EvidenceLog.CheckpointOf(e), e.Signature)));
        Assert.False(publicOnly.Verify(EvidenceLog.CheckpointOf(entries[0]) with { Entries = 2 }, entries[0].Signature));
        Assert.False(publicOnly.CanSign);
        Assert.Throws<InvalidOperationException>(() => publicOnly.Sign(EvidenceLog.CheckpointOf(entries[0])));
        // The same installation started again reads the same key.
        using var again = Ed25519RecordSeal.LoadOrCreate(key);
        Assert.Equal(h.Get<IRecordSeal>().KeyId, again.KeyId);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Editing_the_live_price_agreement_or_revenue_rows_is_detected(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var invention = await SignedCaseAsync(h);
        var pack = h.Get<EvidencePackService>();
        Assert.True((await pack.VerifyAsync(Tom, invention.Id)).Intact);

        async Task ExpectDifferenceAsync(string tamper, string undo, string problem)
        {
            await h.ExecuteAsync(tamper);
            var verdict = await pack.VerifyAsync(Tom, invention.Id);
            Assert.False(verdict.Intact, tamper);
            Assert.Contains(problem, verdict.Problem);
            await h.ExecuteAsync(undo);
            Assert.True((await pack.VerifyAsync(Tom, invention.Id)).Intact, undo);
        }

        await ExpectDifferenceAsync("UPDATE tt_pricing SET final_price = 1", "UPDATE tt_pricing SET final_price = 100000", "final price");
        await ExpectDifferenceAsync("UPDATE tt_pricing SET counterparty = 'Shell Co'", "UPDATE tt_pricing SET counterparty = 'Acme Ltd'", "counterparty");
        await ExpectDifferenceAsync("UPDATE tt_agreements SET consideration = 1", "UPDATE tt_agreements SET consideration = 100000", "consideration");
        await ExpectDifferenceAsync("UPDATE tt_agreements SET counterparty = 'Shell Co'", "UPDATE tt_agreements SET counterparty = 'Acme Ltd'", "counterparty");
        await ExpectDifferenceAsync("UPDATE tt_revenue_splits SET income = 1", "UPDATE tt_revenue_splits SET income = 100000", "income");
        await ExpectDifferenceAsync("UPDATE tt_revenue_shares SET amount = 0 WHERE user_id = 'bob'", "UPDATE tt_revenue_shares SET amount = 14700 WHERE user_id = 'bob'", "amount of bob");
        // A row the evidence never saw.
        await h.ExecuteAsync("DELETE FROM tt_agreements");
        var deleted = await pack.VerifyAsync(Tom, invention.Id);
        Assert.False(deleted.Intact);
        Assert.Contains("has no live row", deleted.Problem);
    }

    /// <summary>Priced by a notice at 100,000 to Acme Ltd, licensed, and 100,000 income split (bob: 30% of 49,000).</summary>
    private static async Task<Invention> SignedCaseAsync(DomainHarness h)
    {
        var invention = await h.AcceptedInventionAsync();
        var notice = await h.Pricing.OpenPublicNoticeAsync(Tom, invention.Id, new NoticeTerms(100_000m, "Acme Ltd", false, "licence", null, "no appraisal: small value"));
        h.Clock.Advance(h.Options.Pricing.NoticeWindow);
        await h.Pricing.ClosePublicNoticeAsync(Tom, notice.Id);
        await h.Agreements.SignAsync(Tom, invention.Id, new AgreementTerms(AgreementKind.OrdinaryLicence, "Acme Ltd", 100_000m,
            new DateOnly(2026, 3, 20), notice.Id, new DateOnly(2026, 4, 1), new DateOnly(2031, 3, 31)));
        await h.Revenue.SplitAsync(Tom, invention.Id, new IncomeRecord(Income: 100_000m, Costs: 1_000m, Taxes: 1_000m));
        return invention;
    }
}

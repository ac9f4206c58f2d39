using TechTransfer.Evidence;
using Workflows.Persistence;
using static TechTransfer.Tests.DomainHarness;

namespace TechTransfer.Tests.Evidence;

public sealed class EvidenceLogTests
{
    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Every_command_appends_a_linked_entry(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var invention = await h.AcceptedInventionAsync();
        var entries = await h.Evidence.EntriesAsync(invention.Id);
        Assert.Equal(["disclosure.drafted", "disclosure.submitted", "disclosure.accepted"], entries.Select(e => e.Action));
        Assert.Equal(["alice", "alice", "tom"], entries.Select(e => e.Actor));
        Assert.Equal("", entries[0].PreviousHash);
        Assert.Equal(entries[0].Hash, entries[1].PreviousHash);
        Assert.True((await h.Get<EvidencePackService>().VerifyAsync(Tom, invention.Id)).Intact);
        await Assert.ThrowsAsync<TechTransferException>(() => h.Get<EvidencePackService>().GetAsync(Alice, invention.Id));
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Evidence_chain_detects_tampering(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var invention = await h.AcceptedInventionAsync();
        // A refused command writes nothing.
        await Assert.ThrowsAsync<TechTransferException>(() => h.Inventions.ReturnToInventorsAsync(Tom, invention.Id, "never mind"));
        Assert.True((await h.Evidence.VerifyAsync(invention.Id)).Intact);

        // Someone with database access rewrites who accepted the disclosure.
        await h.ExecuteAsync($"UPDATE tt_evidence SET actor = 'mallory' WHERE sequence = 3");
        var changed = await h.Evidence.VerifyAsync(invention.Id);
        Assert.False(changed.Intact);
        Assert.Equal(3, changed.BrokenAt);

        await h.ExecuteAsync($"UPDATE tt_evidence SET actor = 'tom' WHERE sequence = 3");
        Assert.True((await h.Evidence.VerifyAsync(invention.Id)).Intact);
        // Deleting an entry breaks the chain too.
        await h.ExecuteAsync($"DELETE FROM tt_evidence WHERE sequence = 2");
        var deleted = await h.Evidence.VerifyAsync(invention.Id);
        Assert.False(deleted.Intact);
        Assert.Equal(2, deleted.BrokenAt);
    }
}

using TechTransfer.Committees;
using TechTransfer.Persistence;
using Workflows.Persistence;
using Workflows.Persistence.Migrations;
using static TechTransfer.Tests.DomainHarness;

namespace TechTransfer.Tests.Persistence;

public sealed class TechTransferDatabaseTests
{
    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task The_domain_schema_is_its_own_module_and_migrating_again_changes_nothing(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var invention = await h.SubmittedInventionAsync();

        Assert.Empty(await new TechTransferDatabase(provider, h.ConnectionString).MigrateAsync());
        await using var connection = WorkflowPersistence.OpenConnection(provider, h.ConnectionString);
        await connection.OpenAsync();
        // Every domain script applied (0003: open-licence declarations, 0004: the evidence's signatures, 0005: the notice board, 0006: rewards, 0007: the evidence documents' kind).
        var domainNewest = SchemaMigrator.Scripts(typeof(TechTransferDatabase).Assembly, "TechTransfer.Persistence.Migrations", provider).Max(s => s.Version);
        Assert.True(domainNewest >= 7);
        Assert.Equal(domainNewest, await SchemaMigrator.CurrentVersionAsync(connection, null, TechTransferDatabase.Module));
        var engineNewest = SchemaMigrator.Scripts(typeof(WorkflowPersistence).Assembly, "Workflows.Persistence.Migrations", provider).Max(s => s.Version);
        Assert.Equal(engineNewest, await SchemaMigrator.CurrentVersionAsync(connection, null, WorkflowPersistence.Module)); // the engine's own scripts, untouched by the domain's
        Assert.Equal(invention.CaseNumber, (await h.Inventions.GetAsync(Tom, invention.Id)).CaseNumber);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Concurrent_commands_on_one_invention_all_land_and_the_chain_stays_intact(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var invention = await h.AcceptedInventionAsync();
        var review = await h.Committees.OpenReviewAsync(Tom, invention.Id, null, "Licence");

        await Task.WhenAll(new[] { "chen", "m1", "m2", "m3", "m4" }.Select(m =>
            Task.Run(() => h.Committees.CastVoteAsync(Member(m), review.Id, VoteChoice.Approve, "yes"))));

        Assert.Equal(5, (await h.Committees.GetAsync(Tom, review.Id)).BallotsCast);
        var entries = await h.Evidence.EntriesAsync(invention.Id);
        Assert.Equal(5, entries.Count(e => e.Action == "committee.vote-cast"));
        Assert.True((await h.Evidence.VerifyAsync(invention.Id)).Intact);
    }
}

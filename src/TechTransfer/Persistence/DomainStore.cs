using Microsoft.EntityFrameworkCore;
using TechTransfer.Evidence;
using Workflows.Engine.Contracts;
using Workflows.Persistence.Sealing;

namespace TechTransfer.Persistence;

/// <summary>
/// Runs one domain command as one transaction: its changes and its evidence entry commit together or not at all.
/// A command that lost a race (a concurrency token, or the evidence sequence taken by another command on the same
/// invention) is run again on fresh data; its rules are checked again. Once committed, the heads of the evidence chains
/// the command extended go to the checkpoint journal outside the database (never before: a rolled-back command must
/// leave no checkpoint behind).
/// </summary>
public sealed class DomainStore(IDbContextFactory<TechTransferDbContext> factory, CheckpointJournal journal, IRecordSeal seal)
{
    private const int Attempts = 5;

    public async Task<T> WriteAsync<T>(Func<TechTransferDbContext, Task<T>> command, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                var result = await command(db);
                await db.SaveChangesAsync(ct);
                // Evidence is only ever read untracked, so the tracked entries are the ones this command appended.
                var heads = db.ChangeTracker.Entries<EvidenceEntry>().Select(e => e.Entity)
                    .GroupBy(e => e.InventionId).Select(g => g.MaxBy(e => e.Sequence)!).ToList();
                await tx.CommitAsync(ct);
                try
                {
                    journal.Append(heads.Select(e => new SignedCheckpoint(EvidenceLog.ChainOf(e.InventionId), e.Sequence, e.Hash, e.At, seal.KeyId, e.Signature)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The decision is committed and signed: a journal that cannot be written costs the outside copy of this
                    // head (the next command's head vouches for it again), never the user's command.
                }
                return result;
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                await tx.RollbackAsync(CancellationToken.None);
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), ct);
            }
        }
    }

    public Task WriteAsync(Func<TechTransferDbContext, Task> command, CancellationToken ct = default) =>
        WriteAsync(async db => { await command(db); return true; }, ct);

    public async Task<T> ReadAsync<T>(Func<TechTransferDbContext, Task<T>> query, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        return await query(db);
    }
}

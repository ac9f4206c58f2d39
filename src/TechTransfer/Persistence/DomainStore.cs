using Microsoft.EntityFrameworkCore;

namespace TechTransfer.Persistence;

/// <summary>
/// Runs one domain command as one transaction: its changes and its evidence entry commit together or not at all.
/// A command that lost a race (a concurrency token, or the evidence sequence taken by another command on the same
/// invention) is run again on fresh data; its rules are checked again.
/// </summary>
public sealed class DomainStore(IDbContextFactory<TechTransferDbContext> factory)
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
                await tx.CommitAsync(ct);
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

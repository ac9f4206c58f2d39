using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace WorkflowHost.Identity.Sessions;

/// <summary>
/// The refresh-token families (<see cref="TokenFamily"/>): started at a bearer sign-in, moved one generation on at each
/// refresh, revoked at sign-out, password change or reset, lock, role change, and when an old refresh token comes back.
/// The only owner of the <c>token_families</c> table.
/// </summary>
public sealed class TokenFamilies(AccountsDbContext db, TimeProvider clock, IOptions<AccountSessionOptions> options)
{
    /// <summary>What a refresh found.</summary>
    public enum Rotation { Rotated, Reused, Ended }

    public async Task<TokenFamily> StartAsync(string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Ended families of this user are kept a while for the record, then dropped here (no job needed).
        var forgetBefore = now.Subtract(options.Value.TokenFamilyLifetime).UtcTicks;
        await db.TokenFamilies.Where(f => f.UserId == userId && f.ExpiresAt < forgetBefore).ExecuteDeleteAsync(ct);
        var family = new TokenFamily
        {
            Id = Guid.NewGuid(), UserId = userId, Generation = 0, CreatedAt = now.UtcTicks,
            ExpiresAt = now.Add(options.Value.TokenFamilyLifetime).UtcTicks,
        };
        db.TokenFamilies.Add(family);
        await db.SaveChangesAsync(ct);
        return family;
    }

    /// <summary>Whether tokens of this family still count: not revoked and not past its lifetime.</summary>
    public async Task<bool> IsActiveAsync(Guid id, string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcTicks;
        return await db.TokenFamilies.AsNoTracking().AnyAsync(f => f.Id == id && f.UserId == userId && f.RevokedAt == null && f.ExpiresAt > now, ct);
    }

    /// <summary>
    /// Moves the family from <paramref name="generation"/> to the next one, atomically, so two refreshes with the same
    /// token cannot both win. A token of any other generation is a reused one: the whole family is revoked.
    /// </summary>
    public async Task<Rotation> RotateAsync(Guid id, string userId, int generation, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var moved = await db.TokenFamilies
            .Where(f => f.Id == id && f.UserId == userId && f.Generation == generation && f.RevokedAt == null && f.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Generation, generation + 1).SetProperty(f => f.RefreshedAt, now), ct);
        if (moved == 1) return Rotation.Rotated;
        var family = await db.TokenFamilies.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id && f.UserId == userId, ct);
        if (family is null || family.RevokedAt is not null || family.ExpiresAt <= now) return Rotation.Ended;
        await RevokeAsync(db.TokenFamilies.Where(f => f.Id == id), SessionEndReasons.RefreshTokenReused, ct);
        return Rotation.Reused;
    }

    /// <summary>Revokes every open family of the user.</summary>
    public Task RevokeAllAsync(string userId, string reason, CancellationToken ct) =>
        RevokeAsync(db.TokenFamilies.Where(f => f.UserId == userId), reason, ct);

    private Task RevokeAsync(IQueryable<TokenFamily> families, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcTicks;
        return families.Where(f => f.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.RevokedAt, now).SetProperty(f => f.RevokedReason, reason), ct);
    }
}

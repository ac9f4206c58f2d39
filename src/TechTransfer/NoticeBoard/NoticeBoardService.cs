using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Common;
using TechTransfer.Evidence;
using TechTransfer.Persistence;
using Workflows.Engine.Contracts;

namespace TechTransfer.NoticeBoard;

/// <summary>
/// The public notice board, read by anyone without an account: the postings only (so never a draft, nor anything of
/// a case before its notice opened), newest first, each with where its case stands now.
/// </summary>
public sealed class NoticeBoardService(DomainStore store, TimeProvider clock, IBusinessCalendar calendar)
{
    /// <summary>The newest <paramref name="limit"/> postings, current and past.</summary>
    public async Task<List<BoardEntry>> ListAsync(int limit = 200, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return await store.ReadAsync(async db =>
        {
            var postings = (await db.BoardPostings.ToListAsync(ct)).OrderByDescending(p => p.ShownFrom).ThenBy(p => p.Id).Take(limit).ToList();
            var statuses = await StatusesAsync(db, postings.Select(p => p.Id).ToList(), ct);
            return postings.Select(p => Entry(p, statuses, now, calendar.TimeZone)).ToList();
        }, ct);
    }

    public async Task<BoardEntry?> FindAsync(Guid id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return await store.ReadAsync(async db =>
        {
            var posting = await db.BoardPostings.FirstOrDefaultAsync(p => p.Id == id, ct);
            return posting is null ? null : Entry(posting, await StatusesAsync(db, [id], ct), now, calendar.TimeZone);
        }, ct);
    }

    private static async Task<Dictionary<Guid, string>> StatusesAsync(TechTransferDbContext db, List<Guid> ids, CancellationToken ct)
    {
        var pricing = await db.Pricings.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Status }).ToListAsync(ct);
        var declarations = await db.OpenLicenceDeclarations.Where(d => ids.Contains(d.Id)).Select(d => new { d.Id, d.Status }).ToListAsync(ct);
        return pricing.Select(p => (p.Id, Names.Kebab(p.Status))).Concat(declarations.Select(d => (d.Id, Names.Kebab(d.Status))))
            .ToDictionary(x => x.Id, x => x.Item2);
    }

    private static BoardEntry Entry(BoardPosting p, Dictionary<Guid, string> statuses, DateTimeOffset now, TimeZoneInfo zone) =>
        new(p.Id, p.Kind, p.CaseNumber, p.Title, JsonSerializer.Deserialize<BoardFacts>(p.Facts, EvidenceLog.Json)!, p.Text, p.Sha256, p.ShownFrom,
            p.WindowEndsAt, p.RemovedAt, p.IsCurrent(now), statuses.GetValueOrDefault(p.Id, "open"),
            p.RemovedAt is { } removed ? removed : p.WindowEndsAt is { } end && end <= now ? end : p.ShownFrom,
            p.WindowEndsAt is { } ends ? $"{BoardText.Local(ends, zone)} ({zone.Id})" : null);
}

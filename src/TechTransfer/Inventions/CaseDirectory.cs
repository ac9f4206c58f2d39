using Microsoft.EntityFrameworkCore;
using TechTransfer.Persistence;

namespace TechTransfer.Inventions;

/// <summary>
/// Look-ups of cases for lists that the engine draws (the task inbox): what a row shows of its case, and which case
/// numbers a filter in the office's words selects. Only cases the actor may read (<see cref="CaseAccess"/>) are
/// summarised or selected, so a list never names a case its reader may not open.
/// </summary>
public sealed class CaseDirectory(DomainStore store)
{
    /// <summary>At most this many case numbers are looked up at once (a page of tasks is far smaller).</summary>
    public const int MaxCases = 500;

    /// <summary>The summaries of those of <paramref name="caseNumbers"/> that are cases the actor may read, by case number.</summary>
    public Task<IReadOnlyDictionary<string, CaseSummary>> SummariesAsync(ActingUser actor, IReadOnlyCollection<string> caseNumbers, CancellationToken ct = default) =>
        store.ReadAsync<IReadOnlyDictionary<string, CaseSummary>>(async db =>
        {
            var wanted = caseNumbers.Distinct(StringComparer.Ordinal).Take(MaxCases).ToList();
            if (wanted.Count == 0) return new Dictionary<string, CaseSummary>();
            var found = await (await CaseAccess.VisibleAsync(db, actor, ct)).Include(i => i.Inventors)
                .Where(i => wanted.Contains(i.CaseNumber)).ToListAsync(ct);
            return found.ToDictionary(i => i.CaseNumber, i => new CaseSummary(i.CaseNumber, i.Title,
                i.Inventors.OrderBy(x => x.Position).Select(x => x.Name).ToList(), i.College, i.Status), StringComparer.Ordinal);
        }, ct);

    /// <summary>The case numbers of the cases the actor may read that the filter selects.</summary>
    public Task<List<string>> CaseNumbersAsync(ActingUser actor, CaseFilter filter, CancellationToken ct = default) =>
        store.ReadAsync(async db =>
        {
            var query = await CaseAccess.VisibleAsync(db, actor, ct);
            if (filter.Status is { } status) query = query.Where(i => i.Status == status);
            if (!string.IsNullOrWhiteSpace(filter.College))
            {
                var college = filter.College.Trim();
                query = query.Where(i => i.College == college);
            }
            if (!string.IsNullOrWhiteSpace(filter.Text))
            {
                // upper() on both databases ignores the case of Latin letters; Chinese has none.
                var text = filter.Text.Trim().ToUpperInvariant();
                // Translated to SQL upper(): the database compares, so no culture or StringComparison applies here.
#pragma warning disable CA1304, CA1311, CA1862
                query = query.Where(i => i.CaseNumber.ToUpper().Contains(text) || i.Title.ToUpper().Contains(text));
#pragma warning restore CA1304, CA1311, CA1862
            }
            return await query.Select(i => i.CaseNumber).ToListAsync(ct);
        }, ct);

    /// <summary>The colleges named on the cases the actor may read, in order: the choices of a college filter.</summary>
    public Task<List<string>> CollegesAsync(ActingUser actor, CancellationToken ct = default) =>
        store.ReadAsync(async db =>
        {
            var colleges = await (await CaseAccess.VisibleAsync(db, actor, ct)).Where(i => i.College != null)
                .Select(i => i.College!).Distinct().ToListAsync(ct);
            return colleges.Order(StringComparer.Ordinal).ToList();
        }, ct);
}

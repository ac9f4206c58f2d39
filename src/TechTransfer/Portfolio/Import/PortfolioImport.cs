using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Evidence;
using TechTransfer.Inventions;
using TechTransfer.Persistence;

namespace TechTransfer.Portfolio.Import;

/// <summary>
/// Bulk import of a register (Excel or CSV) into the portfolio. <see cref="PreviewAsync"/> reads and checks the whole file
/// and says, row by row, what it would do and every problem (row, column, problem), writing nothing.
/// <see cref="CommitAsync"/> checks again and writes all of it in one transaction, or nothing when any row has an error.
/// Importing the same file again changes nothing; a later file updates the patents by their normalized number (keeping
/// what the portfolio recorded since: fee payments, decisions, the invention a grant linked). Inventors are linked to the
/// account of the one person with that name, where there is exactly one.
/// </summary>
public sealed class PortfolioImport(DomainStore store, EvidenceLog evidence, TimeProvider clock, TechTransferOptions options, IPeopleDirectory people)
{
    public Task<ImportReport> PreviewAsync(ActingUser actor, byte[] content, string fileName, CancellationToken ct = default) =>
        RunAsync(actor, content, fileName, commit: false, expectedSha256: null, ct);

    /// <summary>Commits the file; <paramref name="expectedSha256"/> (the preview's) makes sure it is the file that was previewed.</summary>
    public Task<ImportReport> CommitAsync(ActingUser actor, byte[] content, string fileName, string? expectedSha256, CancellationToken ct = default) =>
        RunAsync(actor, content, fileName, commit: true, expectedSha256, ct);

    private async Task<ImportReport> RunAsync(ActingUser actor, byte[] content, string fileName, bool commit, string? expectedSha256, CancellationToken ct)
    {
        InventionService.EnsureOffice(actor);
        fileName = Path.GetFileName(string.IsNullOrWhiteSpace(fileName) ? "portfolio.csv" : fileName.Trim());
        Common.TextRules.Check(fileName, "file", options.Limits.Name, singleLine: true);
        var limits = options.Portfolio;
        if (content.Length == 0) throw TechTransferException.Rule("empty-file", "The file is empty.", "file");
        if (content.Length > limits.MaxImportBytes)
            throw TechTransferException.Rule("file-too-large", $"One import takes a file of at most {limits.MaxImportBytes / 1024 / 1024.0:0.#} MB; this one has {content.Length / 1024 / 1024.0:0.#} MB.", "file");
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        if (commit && expectedSha256 is not null && !string.Equals(expectedSha256.Trim(), sha256, StringComparison.OrdinalIgnoreCase))
            throw TechTransferException.Conflict("not-the-previewed-file", "This is not the file that was previewed (its SHA-256 differs): preview it again.", "sha256");

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var sheet = SheetReader.Read(content, fileName, limits.MaxImportRows);
        var (rows, problems) = new RowParser(options.Limits, today).Parse(sheet);
        var accounts = await people.FindByNamesAsync(rows.SelectMany(r => r.Inventors).Distinct(StringComparer.Ordinal).ToList(), ct);
        var canCommit = !problems.Any(p => p.Error) && rows.Count > 0;
        if (commit && !canCommit)
            throw new TechTransferException(DomainErrorKind.Rule, "import-has-problems",
                problems.Any(p => p.Error) ? $"The file has {problems.Count(p => p.Error)} error(s); nothing was imported. Preview it to see them by row and column."
                    : "The file has no patent rows; nothing was imported.");

        Task<ImportReport> Work(TechTransferDbContext db) => ApplyAsync(db, actor, rows, problems, accounts, sheet.Rows.Count, fileName, sha256, commit, today, ct);
        return commit ? await store.WriteAsync(Work, ct) : await store.ReadAsync(Work, ct);
    }

    private async Task<ImportReport> ApplyAsync(TechTransferDbContext db, ActingUser actor, List<PatentRow> rows, List<ImportProblem> problems,
        IReadOnlyDictionary<string, string> accounts, int rowCount, string fileName, string sha256, bool commit, DateOnly today, CancellationToken ct)
    {
        var numbers = rows.Select(r => r.Number).ToList();
        var existing = new Dictionary<string, Patent>(StringComparer.Ordinal);
        foreach (var chunk in numbers.Chunk(500))
        {
            var query = db.Patents.Include(p => p.Inventors).Where(p => chunk.Contains(p.Number));
            foreach (var p in await (commit ? query : query.AsNoTracking()).ToListAsync(ct)) existing[p.Number] = p;
        }
        var now = clock.GetUtcNow();
        var outcomes = new List<ImportRowOutcome>(rows.Count);
        foreach (var row in rows)
        {
            existing.TryGetValue(row.Number, out var patent);
            var isNew = patent is null;
            patent ??= new Patent { Id = Guid.NewGuid(), Number = row.Number, Source = PatentSource.Import, CreatedAt = now };
            var changed = Apply(patent, row, accounts, today);
            var action = isNew ? ImportAction.New : changed ? ImportAction.Updated : ImportAction.Unchanged;
            outcomes.Add(new ImportRowOutcome(row.Row, row.Number, action));
            if (!commit || action == ImportAction.Unchanged) continue;
            patent.UpdatedAt = now;
            if (isNew) db.Patents.Add(patent);
            else patent.Version++;
        }
        var report = new ImportReport(fileName, sha256, rowCount, outcomes.Count(o => o.Action == ImportAction.New), outcomes.Count(o => o.Action == ImportAction.Updated),
            outcomes.Count(o => o.Action == ImportAction.Unchanged), problems.OrderBy(p => p.Row).ThenBy(p => p.Column, StringComparer.Ordinal).ToList(), outcomes, commit);
        if (commit)
            await evidence.AppendAsync(db, PortfolioService.RegisterChain, actor, "portfolio.imported", new
            {
                fileName, sha256, rows = rowCount, report.New, report.Updated, report.Unchanged, warnings = report.Warnings,
                createdNumbers = outcomes.Where(o => o.Action == ImportAction.New).Select(o => o.Number),
                updatedNumbers = outcomes.Where(o => o.Action == ImportAction.Updated).Select(o => o.Number),
            }, ct);
        return report;
    }

    /// <summary>Sets the patent to what the row says; true when anything changed. Fee payments and decisions recorded here are kept.</summary>
    private static bool Apply(Patent p, PatentRow row, IReadOnlyDictionary<string, string> accounts, DateOnly today)
    {
        var nextFee = row.NextFeeDue ?? (p.LegalStatus == row.LegalStatus && p.FilingDate == row.FilingDate && p.GrantDate == row.GrantDate && p.NextFeeDue is not null
            ? p.NextFeeDue
            : NextFeeDue(row, today));
        var names = row.Inventors;
        var sameInventors = p.Inventors.Count == names.Count && p.Inventors.OrderBy(i => i.Position).Select(i => i.Name).SequenceEqual(names, StringComparer.Ordinal);
        var changed = p.Title != row.Title || p.Kind != row.Kind || p.FilingDate != row.FilingDate || p.GrantDate != row.GrantDate
                      || p.LegalStatus != row.LegalStatus || p.NextFeeDue != nextFee || p.Holder != row.Holder || p.IpcClasses != row.IpcClasses
                      || p.College != row.College || p.FiscallyFunded != row.FiscallyFunded || p.FundedProject != row.FundedProject
                      || p.Funder != row.Funder || p.Transfers != row.Transfers || p.Licences != row.Licences || !sameInventors;
        if (!changed) return false;
        (p.Title, p.Kind, p.FilingDate, p.GrantDate, p.LegalStatus, p.NextFeeDue) = (row.Title, row.Kind, row.FilingDate, row.GrantDate, row.LegalStatus, nextFee);
        (p.Holder, p.IpcClasses, p.College, p.FiscallyFunded, p.FundedProject, p.Funder, p.Transfers, p.Licences) =
            (row.Holder, row.IpcClasses, row.College, row.FiscallyFunded, row.FundedProject, row.Funder, row.Transfers, row.Licences);
        if (!sameInventors)
        {
            // An inventor linked to an account before (by a grant, or by hand) stays linked under the same name.
            var linked = p.Inventors.Where(i => i.UserId is not null).GroupBy(i => i.Name).ToDictionary(g => g.Key, g => g.First().UserId);
            var ordered = p.Inventors.OrderBy(i => i.Position).ToList();
            // Rows keep their key (patent, position): the names move, so no row is deleted and added again under one key.
            for (var i = 0; i < names.Count; i++)
            {
                var inventor = i < ordered.Count ? ordered[i] : new PatentInventor { PatentId = p.Id, Position = i + 1 };
                inventor.Name = names[i];
                inventor.UserId = linked.GetValueOrDefault(names[i]) ?? accounts.GetValueOrDefault(names[i]);
                if (i >= ordered.Count) p.Inventors.Add(inventor);
            }
            foreach (var extra in ordered.Skip(names.Count)) p.Inventors.Remove(extra);
        }
        return true;
    }

    /// <summary>The next fee as the register's status implies it: the next filing anniversary of a granted, valid patent; the one missed in a grace period; none once lapsed.</summary>
    private static DateOnly? NextFeeDue(PatentRow row, DateOnly today)
    {
        if (row.LegalStatus == PatentLegalStatus.Lapsed || row.GrantDate is not { } granted) return null;
        return row.LegalStatus == PatentLegalStatus.GracePeriod
            ? FeeCalendar.LastDueOnOrBefore(row.Kind, row.FilingDate, today)
            : FeeCalendar.NextDueOnOrAfter(row.Kind, row.FilingDate, granted > today ? granted : today);
    }
}

using TechTransfer.Inventions;

namespace WorkflowHost.Application.Inventions;

/// <summary>An invention as the REST API and the pages show it: its disclosure, status, inventors and shares, patent facts.</summary>
public sealed record InventionView(Guid Id, string CaseNumber, string Title, string? Field, string? IpcClass, string? Abstract,
    string? FundedProject, string? Funder, bool FiscallyFunded, string? PriorArt, string? IntendedUses, InventionStatus Status,
    string? Questions, IReadOnlyList<InventorShare> Inventors, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt,
    string? ApplicationNumber, DateOnly? FilingDate, string? PatentNumber, DateOnly? GrantDate, int Version, string? College)
{
    public static InventionView Of(Invention i) => new(i.Id, i.CaseNumber, i.Title, i.Field, i.IpcClass, i.Abstract, i.FundedProject, i.Funder,
        i.FiscallyFunded, i.PriorArt, i.IntendedUses, i.Status, i.Questions,
        i.Inventors.OrderBy(x => x.Position).Select(x => new InventorShare(x.UserId, x.Name, x.Share) { College = x.College, Email = x.Email, Phone = x.Phone }).ToList(),
        i.CreatedAt, i.SubmittedAt, i.ApplicationNumber, i.FilingDate, i.PatentNumber, i.GrantDate, i.Version, i.College);
}

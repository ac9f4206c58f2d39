using TechTransfer.Rewards;

namespace TechTransfer.Portfolio.Import;

/// <summary>One row of a register, checked and normalized: what the patent with this number is to say after the import.</summary>
public sealed record PatentRow(int Row, string Number, string Title, PatentKind? Kind, DateOnly FilingDate, DateOnly? GrantDate,
    PatentLegalStatus LegalStatus, DateOnly? NextFeeDue, IReadOnlyList<string> Inventors, string? Holder, string? IpcClasses, string? College,
    bool FiscallyFunded, string? FundedProject, string? Funder, int Transfers, int Licences);

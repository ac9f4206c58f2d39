namespace TechTransfer.Portfolio.Import;

/// <summary>What a column of an imported register holds.</summary>
public enum ImportField
{
    Number, Title, Kind, FilingDate, GrantDate, LegalStatus, NextFeeDue, Inventors, Holder, IpcClasses, College,
    FiscallyFunded, FundedProject, Funder, Transfers, Licences,
}

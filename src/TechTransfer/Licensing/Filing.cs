namespace TechTransfer.Licensing;

/// <summary>A filing with the patent office for an agreement: licence recordal or assignment registration.</summary>
public sealed class Filing
{
    public Guid Id { get; set; }
    public Guid AgreementId { get; set; }
    public Guid InventionId { get; set; }
    public FilingKind Kind { get; set; }
    /// <summary>Licence recordal: the contract's effective date plus 3 months (configurable).</summary>
    public DateOnly? DueDate { get; set; }
    public FilingStatus Status { get; set; }
    public DateOnly? SubmittedOn { get; set; }
    public string? Reference { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public string? RefusalReason { get; set; }
    public string? SubmittedBy { get; set; }
}

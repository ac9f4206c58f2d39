namespace TechTransfer.Rewards;

/// <summary>The split of one income: net income, the inventors' pool by the configured rate, the staff's, the institution's.</summary>
public sealed class RevenueSplit
{
    public Guid Id { get; set; }
    public Guid InventionId { get; set; }
    public Guid? AgreementId { get; set; }
    public decimal Income { get; set; }
    public decimal Costs { get; set; }
    public decimal Taxes { get; set; }
    public decimal NetIncome { get; set; }
    public decimal InventorRate { get; set; }
    public decimal StaffRate { get; set; }
    public decimal InventorPool { get; set; }
    public decimal StaffPool { get; set; }
    public decimal InstitutionShare { get; set; }
    /// <summary>What the staff's rate was a share of.</summary>
    public StaffShareBase StaffBase { get; set; }
    /// <summary>The day the income was received: the window to pay its remuneration starts here.</summary>
    public DateOnly? ReceivedOn { get; set; }
    /// <summary>The remuneration that pays this split's inventors' pool.</summary>
    public Guid? RewardId { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
    public string ComputedBy { get; set; } = "";
    public List<RevenueShare> Shares { get; set; } = [];
}

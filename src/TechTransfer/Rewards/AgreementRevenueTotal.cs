namespace TechTransfer.Rewards;

/// <summary>The running total of the income under one agreement (null: income recorded under none), to the fen.</summary>
public sealed record AgreementRevenueTotal(Guid? AgreementId, int Incomes, decimal Income, decimal NetIncome, decimal InventorPool, decimal StaffPool,
    decimal InstitutionShare, decimal InventorsPaid, DateTimeOffset LastRecordedAt);

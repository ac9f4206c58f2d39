namespace TechTransfer.Rewards;

/// <summary>Income received under an agreement, with the costs and taxes that make it net income (fiscal R&amp;D money is
/// not a cost). <see cref="InventorRate"/> may raise the inventors' share above the configured one, never lower it.
/// <see cref="ReceivedOn"/> (default: the day it is recorded) starts the window to pay the remuneration.</summary>
public sealed record IncomeRecord(decimal Income, decimal Costs, decimal Taxes, Guid? AgreementId = null, decimal? InventorRate = null, DateOnly? ReceivedOn = null);

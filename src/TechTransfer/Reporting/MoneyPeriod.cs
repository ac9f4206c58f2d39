namespace TechTransfer.Reporting;

/// <summary>
/// One year's money, in yuan: the value of the contracts signed in it (and how many), the income received under them, and
/// the rewards and remuneration (奖励和报酬) paid to inventors.
/// </summary>
public sealed record MoneyPeriod(int Year, decimal ContractValue, int Contracts, decimal Income, decimal RewardsPaid);

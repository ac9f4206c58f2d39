namespace TechTransfer.Portfolio;

/// <summary>The office's keep-or-abandon decision before an annual fee is due.</summary>
public enum FeeDecision
{
    /// <summary>维持: pay the fee and keep the patent in force.</summary>
    Keep,
    /// <summary>放弃: let the fee go unpaid; the patent lapses after the grace period.</summary>
    Abandon,
}

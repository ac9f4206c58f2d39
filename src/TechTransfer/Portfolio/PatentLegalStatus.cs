namespace TechTransfer.Portfolio;

/// <summary>The legal status of a patent as the register records it.</summary>
public enum PatentLegalStatus
{
    /// <summary>有效: in force, fees paid.</summary>
    Valid,
    /// <summary>宽限期: the annual fee was not paid by its due date; it may still be paid with a surcharge within six months.</summary>
    GracePeriod,
    /// <summary>失效: lapsed (fee not paid, abandoned, invalidated) or expired at the end of its term.</summary>
    Lapsed,
}

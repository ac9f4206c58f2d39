namespace TechTransfer.Inventions;

public enum InventionStatus
{
    Draft,
    Submitted,
    /// <summary>Sent back to the inventors with questions; they may edit and submit again.</summary>
    Returned,
    Accepted,
    Assessed,
    Filed,
    InReview,
    Pricing,
    Transferred,
    /// <summary>Kept as a trade secret, published defensively, released to the inventors, or abandoned.</summary>
    Closed,
}

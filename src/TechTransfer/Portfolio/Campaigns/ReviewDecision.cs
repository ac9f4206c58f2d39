namespace TechTransfer.Portfolio.Campaigns;

/// <summary>A college's or the university's review of a graded patent.</summary>
public enum ReviewDecision
{
    Accept,
    Refuse,
}

namespace TechTransfer.Assessments;

/// <summary>The outcomes practice offers after a pre-filing assessment.</summary>
public enum AssessmentOutcome
{
    File,
    TradeSecret,
    DefensivePublication,
    ReleaseToInventors,
    MoreInformation,
    Abandon,
}

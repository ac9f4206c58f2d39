namespace TechTransfer.Portfolio.Campaigns;

/// <summary>Where a patent stands in its campaign.</summary>
public enum CampaignEntryStatus
{
    /// <summary>In scope; its grading is open.</summary>
    Inventoried,
    Graded,
    /// <summary>The college accepted it; the university reviews it.</summary>
    CollegeAccepted,
    /// <summary>Accepted into the transferable-resource pool (可转化资源库).</summary>
    Pooled,
    /// <summary>Refused by the college or the university, with their reasons.</summary>
    Refused,
}

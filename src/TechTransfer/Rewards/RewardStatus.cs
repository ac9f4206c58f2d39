namespace TechTransfer.Rewards;

public enum RewardStatus
{
    /// <summary>A reward on grant whose sum the office has not decided yet.</summary>
    Due,
    /// <summary>The sum and each inventor's amount are set; not yet published.</summary>
    Decided,
    /// <summary>Published inside the institution (公示); paid only once the publication window has run.</summary>
    Published,
    Paid,
}

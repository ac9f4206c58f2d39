using TechTransfer.Rewards;

namespace TechTransfer;

/// <summary>
/// Every figure DOMAIN.md marks configurable, bound from configuration section <c>TechTransfer</c>. Defaults are the
/// national rules and common university practice; a province (Zhejiang: 70% to inventors, 5% to staff) or a
/// demonstration (windows of seconds) changes them here, never in code.
/// </summary>
public sealed class TechTransferOptions
{
    public const string Section = "TechTransfer";

    /// <summary>Case numbers: <c>{Prefix}-{year}-{0001}</c>.</summary>
    public string CaseNumberPrefix { get; set; } = "INV";

    public TextLimits Limits { get; set; } = new();
    public AttachmentOptions Attachments { get; set; } = new();
    public AssessmentOptions Assessment { get; set; } = new();
    public CommitteeOptions Committee { get; set; } = new();
    public PricingOptions Pricing { get; set; } = new();
    public LicensingOptions Licensing { get; set; } = new();
    public RevenueOptions Revenue { get; set; } = new();
    public NoticeBoard.NoticeBoardOptions NoticeBoard { get; set; } = new();
    public RewardOptions Rewards { get; set; } = new();
    public Leadership.LeadershipOptions Leadership { get; set; } = new();
    public Portfolio.PortfolioOptions Portfolio { get; set; } = new();

    /// <summary>Refuses a configuration that cannot be right, naming the key, so the host stops at start-up.</summary>
    public void Validate()
    {
        void Require(bool ok, string key, string why)
        {
            if (!ok) throw new InvalidOperationException($"{Section}:{key} {why}");
        }
        Require(Assessment.Criteria.Count > 0 && Assessment.Criteria.All(c => c.Weight > 0 && c.Key.Length > 0), "Assessment:Criteria",
            "needs at least one criterion, each with a key and a positive weight.");
        Require(Assessment.Criteria.Select(c => c.Key).Distinct().Count() == Assessment.Criteria.Count, "Assessment:Criteria", "has a key twice.");
        Require(Committee.Quorum >= 1, "Committee:Quorum", "must be at least 1.");
        Require(Pricing.NoticeWindow > TimeSpan.Zero, "Pricing:NoticeWindow", "must be positive.");
        Require(Pricing.ListingWindow is null || Pricing.ListingWindow > TimeSpan.Zero, "Pricing:ListingWindow", "must be positive.");
        Require(Pricing.ListingWindowWorkingDays >= 1, "Pricing:ListingWindowWorkingDays", "must be at least 1.");
        Require(Pricing.AuctionWindow > TimeSpan.Zero, "Pricing:AuctionWindow", "must be positive.");
        Require(Licensing.RecordalMonths >= 1, "Licensing:RecordalMonths", "must be at least 1.");
        Require(Revenue.InventorShare is > 0 and <= 1, "Revenue:InventorShare", "must be above 0 and at most 1 (0.5 = 50%).");
        Require(Revenue.StaffShare is >= 0 and < 1 && (Revenue.StaffShareBase == StaffShareBase.RewardTotal || Revenue.InventorShare + Revenue.StaffShare <= 1),
            "Revenue:StaffShare", "must be at least 0 and below 1, and (as a share of net income) with the inventors' share at most 1.");
        Require(Committee.MinimumQuorum >= 1, "Committee:MinimumQuorum", "must be at least 1.");
        Require(Rewards.GrantRewardMonths >= 1, "Rewards:GrantRewardMonths", "must be at least 1.");
        Require(Rewards.PaymentMonths >= 1, "Rewards:PaymentMonths", "must be at least 1.");
        Require(Rewards.PublicationWindow > TimeSpan.Zero, "Rewards:PublicationWindow", "must be positive.");
        Require(Rewards.InventionPatentMinimum >= 0 && Rewards.UtilityModelMinimum >= 0 && Rewards.DesignMinimum >= 0, "Rewards",
            "minimums cannot be negative.");
        Require(Attachments.MaxBytes > 0, "Attachments:MaxBytes", "must be positive.");
        Require(Attachments.MaxFiles >= 1, "Attachments:MaxFiles", "must be at least 1.");
        Require(Attachments.MaxTotalBytes >= Attachments.MaxBytes, "Attachments:MaxTotalBytes", "must be at least Attachments:MaxBytes.");
        foreach (var (name, value) in Limits.All())
            Require(value >= 1, "Limits:" + name, "must be at least 1.");
        foreach (var (key, problem) in Leadership.Problems()) Require(false, key, problem);
        foreach (var (key, problem) in Portfolio.Problems()) Require(false, key, problem);
    }
}

public sealed class AttachmentOptions
{
    /// <summary>Folder under the data folder (never under the web root) where files are kept under generated names.</summary>
    public string Folder { get; set; } = "attachments";
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;
    /// <summary>Files one invention may have.</summary>
    public int MaxFiles { get; set; } = 50;
    /// <summary>Bytes all files of one invention may have together.</summary>
    public long MaxTotalBytes { get; set; } = 200 * 1024 * 1024;
    public List<string> AllowedExtensions { get; set; } = [".pdf", ".docx", ".xlsx", ".pptx", ".png", ".jpg", ".jpeg", ".txt"];
    /// <summary>Content types accepted as detected from the bytes (the declared type is stored, never trusted).</summary>
    public List<string> AllowedContentTypes { get; set; } =
    [
        "application/pdf", "image/png", "image/jpeg", "text/plain",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ];
}

public sealed class AssessmentOptions
{
    /// <summary>The published criteria; no official weights exist, so these are the institution's.</summary>
    public List<AssessmentCriterion> Criteria { get; set; } =
    [
        new() { Key = "technical-value", Label = "Technical value", Weight = 0.25m },
        new() { Key = "market-prospects", Label = "Market prospects and demand", Weight = 0.25m },
        new() { Key = "legal-strength", Label = "Legal strength, patentability and layout", Weight = 0.20m },
        new() { Key = "draft-quality", Label = "Quality of the draft", Weight = 0.15m },
        new() { Key = "strategic-fit", Label = "Strategic fit", Weight = 0.15m },
    ];
    /// <summary>A weighted score at or above this recommends filing (the assessor decides).</summary>
    public decimal FileThreshold { get; set; } = 3.5m;
    /// <summary>How long the office has to score a disclosure.</summary>
    public TimeSpan ScoringTime { get; set; } = TimeSpan.FromDays(20);
}

public sealed class AssessmentCriterion
{
    public string Key { get; set; } = "";
    public string Label { get; set; } = "";
    public decimal Weight { get; set; }
}

public sealed class CommitteeOptions
{
    /// <summary>The committee a review goes to when the process names none.</summary>
    public string DefaultCommittee { get; set; } = "transfer-committee";
    /// <summary>Voting (not recused) members needed for a decision.</summary>
    public int Quorum { get; set; } = 3;
    /// <summary>The institution's own minimum quorum (its transfer rules; examples use 3, or 5 with a majority of faculty):
    /// outside a trial, <see cref="Quorum"/> may not be set below it (<see cref="LegalFloors"/>).</summary>
    public int MinimumQuorum { get; set; } = 3;
    /// <summary>From opening the review to the end of voting.</summary>
    public TimeSpan VotingTime { get; set; } = TimeSpan.FromDays(10);
    /// <summary>From the end of voting to the chair's close; after it the office head is told.</summary>
    public TimeSpan ClosingTime { get; set; } = TimeSpan.FromDays(3);
    /// <summary>Committees and their members where no directory of accounts provides them (tests, demonstrations).</summary>
    public List<CommitteeDefinition> Committees { get; set; } = [];
}

public sealed class CommitteeDefinition
{
    public string Id { get; set; } = "";
    public string Chair { get; set; } = "";
    public List<string> Members { get; set; } = [];
}

public sealed class PricingOptions
{
    /// <summary>Public notice for agreement pricing: at least 15 days (Zhejiang and university practice).</summary>
    public TimeSpan NoticeWindow { get; set; } = TimeSpan.FromDays(15);
    /// <summary>Listing window in working days (property-exchange practice: 20).</summary>
    public int ListingWindowWorkingDays { get; set; } = 20;
    /// <summary>When set, the listing window as a fixed duration instead of working days (demonstrations).</summary>
    public TimeSpan? ListingWindow { get; set; }
    /// <summary>How long an auction takes bids.</summary>
    public TimeSpan AuctionWindow { get; set; } = TimeSpan.FromDays(1);
    /// <summary>The contract is signed within this many working days of the auction result.</summary>
    public int ContractAfterAuctionWorkingDays { get; set; } = 5;
    /// <summary>How long the office has to sign after pricing by agreement or listing.</summary>
    public TimeSpan SigningTime { get; set; } = TimeSpan.FromDays(30);
}

public sealed class LicensingOptions
{
    /// <summary>Licence recordal within 3 months of the contract taking effect (Implementing Rules 2023 art. 15).</summary>
    public int RecordalMonths { get; set; } = 3;
    /// <summary>Reminders before the recordal deadline, as ISO 8601 durations.</summary>
    public string RecordalReminders { get; set; } = "P14D,P3D";
    /// <summary>Dates are deadlines to the end of the day in this offset from UTC (China Standard Time).</summary>
    public TimeSpan DeadlineUtcOffset { get; set; } = TimeSpan.FromHours(8);
    /// <summary>The patent office decides a recordal within this many working days.</summary>
    public int OfficeDecisionWorkingDays { get; set; } = 7;
}

public sealed class RevenueOptions
{
    /// <summary>Share of net income to the inventors where the institution has no rule: at least 50% (art. 45);
    /// Zhejiang and Beijing: at least 70%.</summary>
    public decimal InventorShare { get; set; } = 0.50m;
    /// <summary>Share to technology-transfer staff (Zhejiang: at least 5%), of <see cref="StaffShareBase"/>.</summary>
    public decimal StaffShare { get; set; } = 0m;
    /// <summary>What <see cref="StaffShare"/> is a share of: <c>NetIncome</c> (on top of the inventors' share), or
    /// <c>RewardTotal</c> (Zhejiang 2021, seed 003: 5% of the reward total, taken out of the inventors' pool).</summary>
    public StaffShareBase StaffShareBase { get; set; } = StaffShareBase.NetIncome;
    /// <summary>How long income may wait before it is recorded and split.</summary>
    public TimeSpan IncomeRecordingTime { get; set; } = TimeSpan.FromDays(180);
}

public sealed class RewardOptions
{
    /// <summary>The reward on grant is paid within this many months of the grant (Implementing Rules 2023 art. 93: 3).</summary>
    public int GrantRewardMonths { get; set; } = 3;
    /// <summary>The least reward on grant per invention patent, in yuan (art. 93: 4,000).</summary>
    public decimal InventionPatentMinimum { get; set; } = 4000m;
    /// <summary>The least reward on grant per utility model, in yuan (art. 93: 1,500).</summary>
    public decimal UtilityModelMinimum { get; set; } = 1500m;
    /// <summary>The least reward on grant per design, in yuan (art. 93: 1,500).</summary>
    public decimal DesignMinimum { get; set; } = 1500m;
    /// <summary>A reward is published inside the institution for at least this long before it is paid (Zhejiang: 15 days).</summary>
    public TimeSpan PublicationWindow { get; set; } = TimeSpan.FromDays(15);
    /// <summary>Remuneration from an income is paid within this many months of receiving it (Zhejiang: 6).</summary>
    public int PaymentMonths { get; set; } = 6;
    /// <summary>Reminders before a reward's payment deadline, as ISO 8601 durations.</summary>
    public string Reminders { get; set; } = "P14D,P3D";
}

namespace TechTransfer.Inventions;

/// <summary>A service invention, from its disclosure on. The case number is the business key of its process.</summary>
public sealed class Invention
{
    public Guid Id { get; set; }
    public string CaseNumber { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Field { get; set; }
    public string? IpcClass { get; set; }
    /// <summary>The college or department the invention comes from (所在学院（单位）): the office's inbox and lists sort cases by it.</summary>
    public string? College { get; set; }
    public string? Abstract { get; set; }
    public string? FundedProject { get; set; }
    public string? Funder { get; set; }
    /// <summary>Results of fiscally funded projects must be declared as such.</summary>
    public bool FiscallyFunded { get; set; }
    public string? PriorArt { get; set; }
    public string? IntendedUses { get; set; }
    public InventionStatus Status { get; set; }
    /// <summary>The office's questions when it returned the disclosure.</summary>
    public string? Questions { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? ApplicationNumber { get; set; }
    public DateOnly? FilingDate { get; set; }
    public string? PatentNumber { get; set; }
    public DateOnly? GrantDate { get; set; }
    /// <summary>Optimistic concurrency: every change bumps it.</summary>
    public int Version { get; set; }
    public List<Inventor> Inventors { get; set; } = [];
}

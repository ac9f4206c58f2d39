using TechTransfer.Rewards;

namespace TechTransfer.Portfolio;

/// <summary>
/// One patent the institution holds, whether or not it came through a disclosure here: its number (normalized, the key an
/// import updates by), what it is, its legal status and annual-fee calendar, who holds and made it, its funding and what
/// was done with it so far. The owner is <see cref="PortfolioService"/>.
/// </summary>
public sealed class Patent
{
    public Guid Id { get; set; }
    /// <summary>The patent (application) number as <see cref="PatentNumber.Normalize"/> writes it: <c>ZL202010123456.7</c>.</summary>
    public string Number { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>Invention, utility model or design; null while nobody said and the number does not tell.</summary>
    public PatentKind? Kind { get; set; }
    public DateOnly FilingDate { get; set; }
    public DateOnly? GrantDate { get; set; }
    public PatentLegalStatus LegalStatus { get; set; }
    /// <summary>When the next annual fee is due (the filing anniversary); null once the term has run or the patent lapsed.</summary>
    public DateOnly? NextFeeDue { get; set; }
    /// <summary>The patentee (专利权人), usually the institution itself.</summary>
    public string? Holder { get; set; }
    /// <summary>The college or department the patent belongs to (所属学院).</summary>
    public string? College { get; set; }
    /// <summary>IPC classes, the main class first, separated by "; ".</summary>
    public string? IpcClasses { get; set; }
    public bool FiscallyFunded { get; set; }
    public string? FundedProject { get; set; }
    public string? Funder { get; set; }
    /// <summary>Assignments of the patent so far (转让次数).</summary>
    public int Transfers { get; set; }
    /// <summary>Licences granted so far (许可次数).</summary>
    public int Licences { get; set; }
    /// <summary>The invention whose grant brought it here, if it came through a disclosure.</summary>
    public Guid? InventionId { get; set; }
    public PatentSource Source { get; set; }
    /// <summary>The fee due for which a keep-or-abandon decision was opened (once per due).</summary>
    public DateOnly? DecisionOpenedFor { get; set; }
    /// <summary>The office's decision for the fee due <see cref="FeeDecisionFor"/>.</summary>
    public FeeDecision? FeeDecision { get; set; }
    public DateOnly? FeeDecisionFor { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
    public List<PatentInventor> Inventors { get; set; } = [];

    /// <summary>The evidence chain its decisions go to: its invention's where it came through a disclosure, else its own.</summary>
    public Guid EvidenceChain => InventionId ?? Id;
}

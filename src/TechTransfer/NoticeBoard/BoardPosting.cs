namespace TechTransfer.NoticeBoard;

/// <summary>
/// One posting on the public notice board, written in the same transaction that opens the notice or listing or
/// publishes the declaration, so nothing of a case is on the board before (never a draft). <see cref="Text"/> is
/// exactly what the board shows (Chinese, then English) and <see cref="Sha256"/> its hash, also in the evidence.
/// The owner of <c>tt_board_postings</c> is <see cref="NoticeBoardPostings"/>.
/// </summary>
public sealed class BoardPosting
{
    /// <summary>The pricing record's or the declaration's id: one posting per notice, listing or declaration.</summary>
    public Guid Id { get; set; }
    public Guid InventionId { get; set; }
    public BoardPostingKind Kind { get; set; }
    public string CaseNumber { get; set; } = "";
    public string Title { get; set; } = "";
    public DateTimeOffset ShownFrom { get; set; }
    /// <summary>Notices and listings: when the window ends (it leaves the current postings then). Declarations: none.</summary>
    public DateTimeOffset? WindowEndsAt { get; set; }
    /// <summary>When it left the current postings (window closed, objection upheld, declaration withdrawn); it stays among the past ones.</summary>
    public DateTimeOffset? RemovedAt { get; set; }
    /// <summary>How it ended, in a word (concluded, failed, to-auction, negotiating, withdrawn, awaiting-objections).</summary>
    public string? Outcome { get; set; }
    public string Text { get; set; } = "";
    /// <summary>The facts shown, as JSON (<see cref="BoardFacts"/>), for the feeds and the pages.</summary>
    public string Facts { get; set; } = "{}";
    public string Sha256 { get; set; } = "";

    /// <summary>Current while its window runs and it has not been taken down; past otherwise.</summary>
    public bool IsCurrent(DateTimeOffset now) => RemovedAt is null && now >= ShownFrom && (WindowEndsAt is not { } end || now < end);
}

namespace TechTransfer.NoticeBoard;

/// <summary>
/// A posting as the public sees it: its facts, the text shown and its hash, whether it is current, and where its
/// case stands now (<c>open</c>, <c>concluded</c>, <c>failed</c>, <c>published</c>, <c>withdrawn</c>...).
/// </summary>
public sealed record BoardEntry(
    Guid Id,
    BoardPostingKind Kind,
    string CaseNumber,
    string Title,
    BoardFacts Facts,
    string Text,
    string Sha256,
    DateTimeOffset ShownFrom,
    DateTimeOffset? WindowEndsAt,
    DateTimeOffset? RemovedAt,
    bool Current,
    string Status,
    /// <summary>When it last changed on the board (posted or taken down): a feed's <c>updated</c>.</summary>
    DateTimeOffset Updated,
    /// <summary>When the window ends as the institution's clock shows it, with the zone (none for a declaration).</summary>
    string? EndsLocal);

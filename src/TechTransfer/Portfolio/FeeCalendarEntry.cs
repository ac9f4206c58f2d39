namespace TechTransfer.Portfolio;

/// <summary>
/// One fee in the calendar: the patent, when its fee is due and until when it can still be paid with the surcharge, when
/// its keep-or-abandon decision opens, and the decision taken for that due if any.
/// </summary>
public sealed record FeeCalendarEntry(Guid PatentId, string Number, string Title, string? College, PatentLegalStatus LegalStatus,
    DateOnly Due, DateOnly GraceEnds, DateOnly DecisionOpens, bool DecisionOpened, FeeDecision? Decision);

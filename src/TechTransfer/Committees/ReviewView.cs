namespace TechTransfer.Committees;

/// <summary>
/// A review as one actor may see it. Before the close nobody sees anyone else's vote (only the count of ballots and
/// their own); after the close the votes and reasons are part of the minutes. While it is open, the chair and the office see
/// who has not voted yet (<see cref="NotVoted"/>: neither voted, declared a conflict nor been recorded absent).
/// </summary>
public sealed record ReviewView(
    Guid Id,
    Guid InventionId,
    string CommitteeId,
    string ChairId,
    IReadOnlyList<string> Members,
    string? Subject,
    int Quorum,
    ReviewStatus Status,
    DateTimeOffset OpenedAt,
    DateTimeOffset VotingEndsAt,
    DateTimeOffset? ClosedAt,
    ReviewOutcome? Outcome,
    int BallotsCast,
    IReadOnlyList<string> Recused,
    VoteView? MyVote,
    IReadOnlyList<VoteView>? Votes,
    string? Minutes,
    IReadOnlyList<string>? Attendance,
    IReadOnlyList<RecusalView> Recusals,
    IReadOnlyList<string> Absent,
    IReadOnlyList<string>? NotVoted);

/// <summary>Who is recused and why (declared, or automatically as an inventor or a related person of the counterparty); a
/// declared tie's statement joins the minutes at the close.</summary>
public sealed record RecusalView(string MemberId, RecusalReason Reason);

public sealed record VoteView(string MemberId, VoteChoice Choice, string? Reason, DateTimeOffset CastAt);

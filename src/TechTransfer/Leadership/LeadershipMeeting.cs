using TechTransfer.Licensing;

namespace TechTransfer.Leadership;

/// <summary>
/// The leadership's meeting on a deal, as the office head minutes it: when it met, who attended, what it decided, the
/// minutes (a summary, and the signed minutes as an attachment of the case), and the deal it decided on (kind, value).
/// </summary>
public sealed record LeadershipMeeting(DateOnly MeetingDate, IReadOnlyList<string> Attendees, LeadershipResult Result, string Minutes,
    Guid MinutesAttachmentId, AgreementKind? Kind, decimal Value);

namespace Workflows.Persistence.Rows;

/// <summary>
/// A row of wf_task_candidates: who has an open task in their inbox. Its assignee (<c>a:</c> user id) while it is
/// assigned, else its candidates (<c>u:</c> a user id, <c>g:</c> a group in lower case) while it is offered to them.
/// It carries the task's columns the inbox filters, sorts and pages by (migration 0006), copied from the task in the same
/// transaction, so that a person's inbox is counted and paged from these rows alone.
/// </summary>
public sealed class TaskCandidateRow : IInboxColumns
{
    public string Candidate { get; set; } = "";
    public Guid TaskId { get; set; }
    public Guid InstanceId { get; set; }
    public string ProcessId { get; set; } = "";
    public string ElementId { get; set; } = "";
    public string? BusinessKey { get; set; }
    public long CreatedAt { get; set; }
    public long? DueAt { get; set; }
    public long? FollowUpAt { get; set; }
    public int Priority { get; set; }

    public static string Assignee(string userId) => "a:" + userId;
    public static string User(string userId) => "u:" + userId;
    public static string Group(string group) => "g:" + group.ToLowerInvariant();

    /// <summary>The rows an inbox of this user in these groups looks for.</summary>
    public static List<string> InboxOf(string userId, IEnumerable<string> groups) =>
        groups.Select(Group).Append(User(userId)).Append(Assignee(userId)).Distinct(StringComparer.Ordinal).ToList();
}

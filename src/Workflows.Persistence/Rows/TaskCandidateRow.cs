namespace Workflows.Persistence.Rows;

/// <summary>A row of wf_task_candidates: a candidate of an open task, <c>u:</c> a user id or <c>g:</c> a group in lower case.</summary>
public sealed class TaskCandidateRow
{
    public string Candidate { get; set; } = "";
    public Guid TaskId { get; set; }

    public static string User(string userId) => "u:" + userId;
    public static string Group(string group) => "g:" + group.ToLowerInvariant();
}

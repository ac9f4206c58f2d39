namespace Workflows.Persistence.Rows;

/// <summary>What a page of tasks is sorted by, read before the page's tasks themselves (a projection, not a table).</summary>
public sealed class TaskSortKeys
{
    public Guid TaskId { get; set; }
    public long CreatedAt { get; set; }
    public long? DueAt { get; set; }
    public long? FollowUpAt { get; set; }
    public int Priority { get; set; }
}

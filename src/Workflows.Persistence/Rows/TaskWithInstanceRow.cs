namespace Workflows.Persistence.Rows;

/// <summary>A task row and its instance's row, read by one query (a step that acts on a task needs both).</summary>
public sealed class TaskWithInstanceRow
{
    public TaskRow Task { get; set; } = null!;
    public InstanceRow Instance { get; set; } = null!;
}

namespace Workflows.Persistence.Rows;

/// <summary>A bookmark row and its instance's row (none for a timer start event's), read by one query for the step that fires it.</summary>
public sealed class BookmarkWithInstanceRow
{
    public BookmarkRow Bookmark { get; set; } = null!;
    public InstanceRow? Instance { get; set; }
}

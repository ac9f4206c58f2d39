namespace Workflows.Persistence.Timers;

/// <summary>A bookmark with a due time that a pump has claimed for firing.</summary>
public readonly record struct DueBookmark(Guid Id, DateTimeOffset DueAt);

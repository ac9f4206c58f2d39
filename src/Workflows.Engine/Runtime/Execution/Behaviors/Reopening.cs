using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution.Behaviors;

/// <summary>
/// What a migrated token brings to the element it moved to: when it entered its activity (timers count from then, so a
/// 14-day escalation that has run for 10 days still fires after 14), its open user task, and the bookmarks it owned.
/// </summary>
internal sealed record Reopening(DateTimeOffset Since, UserTaskRecord? Task, IReadOnlyList<Bookmark> Owned);

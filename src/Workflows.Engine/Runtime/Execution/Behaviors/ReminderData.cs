namespace Workflows.Engine.Runtime.Execution.Behaviors;

/// <summary>What a reminder bookmark remembers.</summary>
internal sealed record ReminderData(Guid TaskId, TimeSpan Offset);

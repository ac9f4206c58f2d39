namespace Workflows.Engine.Runtime.State;

/// <summary>A service task that kept failing: the token waits here until an administrator retries it.</summary>
public sealed class Incident
{
    public required Guid Id { get; init; }
    public required Guid InstanceId { get; init; }
    public required string TokenId { get; init; }
    public required string ElementId { get; init; }
    public required string Message { get; set; }
    public string? Details { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public bool IsOpen => ResolvedAt is null;
}

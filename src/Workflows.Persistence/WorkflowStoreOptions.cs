namespace Workflows.Persistence;

/// <summary>How the EF Core store writes steps (the <c>Persistence</c> configuration section).</summary>
public sealed class WorkflowStoreOptions
{
    /// <summary>The most steps one transaction commits (group commit: steps ready at the same moment share a
    /// transaction and a sync). 1 writes every step in a transaction of its own.</summary>
    public int MaxStepsPerCommit { get; set; } = 64;
}

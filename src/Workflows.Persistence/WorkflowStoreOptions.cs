using Workflows.Engine.Contracts;
using Workflows.Persistence.Sealing;

namespace Workflows.Persistence;

/// <summary>How the EF Core store writes steps (the <c>Persistence</c> configuration section).</summary>
public sealed class WorkflowStoreOptions
{
    /// <summary>The most steps one transaction commits (group commit: steps ready at the same moment share a
    /// transaction and a sync). 1 writes every step in a transaction of its own.</summary>
    public int MaxStepsPerCommit { get; set; } = 64;

    /// <summary>Signs the head of each instance's history after every step (null: the history is hash-chained only).</summary>
    public IRecordSeal? Seal { get; set; }

    /// <summary>Where each step's signed heads are copied, outside the database, once committed (null: nowhere).</summary>
    public CheckpointJournal? Journal { get; set; }
}

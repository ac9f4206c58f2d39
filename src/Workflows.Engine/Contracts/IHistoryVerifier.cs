using Workflows.Engine.Runtime;

namespace Workflows.Engine.Contracts;

/// <summary>Checks an instance's history chain (hashes, the record seal's signatures, the checkpoints kept outside the database).</summary>
public interface IHistoryVerifier
{
    Task<HistoryVerification> VerifyAsync(Guid instanceId, CancellationToken ct = default);
}

using System.Collections.Concurrent;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime;

/// <summary>
/// The latest published version of each process, remembered briefly: starting an instance is the commonest
/// command, and the answer changes only when someone publishes.
/// </summary>
internal sealed class LatestVersionCache(IWorkflowStore store, TimeProvider clock, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<string, (WorkflowDefinitionRecord Definition, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    public async Task<WorkflowDefinitionRecord?> GetAsync(string processId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(processId, out var entry) && entry.Until > now) return entry.Definition;
        var latest = await store.GetLatestPublishedAsync(processId, ct);
        if (latest is not null && lifetime > TimeSpan.Zero) _entries[processId] = (latest, now + lifetime);
        return latest;
    }

    public void Forget(string processId) => _entries.TryRemove(processId, out _);
}

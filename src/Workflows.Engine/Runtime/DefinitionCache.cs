using System.Collections.Concurrent;
using Workflows.Engine.Contracts;
using Workflows.Engine.Model;
using Workflows.Engine.Parsing;
using Workflows.Engine.Runtime.Execution;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime;

/// <summary>
/// Parsed processes by definition id. Published versions never change, so a parse is cached for the life of
/// the runtime: the cost of a step does not grow with the number of versions or instances.
/// </summary>
internal sealed class DefinitionCache(IWorkflowStore store, BpmnParseOptions limits)
{
    private readonly ConcurrentDictionary<string, ProcessDefinition> _processes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ProcessGraph> _graphs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _hashes = new(StringComparer.Ordinal);

    public async Task<ProcessDefinition> GetAsync(string definitionId, CancellationToken ct)
    {
        if (_processes.TryGetValue(definitionId, out var cached)) return cached;
        var record = await store.GetDefinitionAsync(definitionId, ct) ?? throw new NotFoundException("Definition", definitionId);
        return Add(record);
    }

    public ProcessDefinition Add(WorkflowDefinitionRecord record)
    {
        if (record.Status == DefinitionStatus.Published) _hashes.TryAdd(record.Id, record.ContentHash);
        if (_processes.TryGetValue(record.Id, out var cached)) return cached;
        var result = BpmnParser.Parse(record.BpmnXml, limits);
        var process = result.Model?.FindProcess(record.ProcessId);
        if (process is null || !result.IsValid)
            throw new DefinitionInvalidException(result.Errors.ToList());
        return record.Status == DefinitionStatus.Published ? _processes.GetOrAdd(record.Id, process) : process;
    }

    /// <summary>The latest published version of every process, parsed: where start events that any process may have
    /// (a message's, a signal's) are looked for.</summary>
    public async Task<IReadOnlyList<(WorkflowDefinitionRecord Record, ProcessDefinition Process)>> LatestPublishedAsync(CancellationToken ct) =>
        (await store.ListDefinitionsAsync(null, ct))
        .Where(d => d.Status == DefinitionStatus.Published)
        .GroupBy(d => d.ProcessId)
        .Select(g => g.MaxBy(d => d.Version)!)
        .Select(d => (d, Add(d)))
        .ToList();

    /// <summary>The published version an instance runs on, with its content hash, for the handlers' records of what they ran under.</summary>
    public async Task<DefinitionRef> RefAsync(string definitionId, string processId, int version, CancellationToken ct)
    {
        if (!_hashes.TryGetValue(definitionId, out var hash))
        {
            var record = await store.GetDefinitionAsync(definitionId, ct) ?? throw new NotFoundException("Definition", definitionId);
            hash = _hashes.GetOrAdd(definitionId, record.ContentHash);
        }
        return new DefinitionRef(definitionId, processId, version, hash);
    }

    public ProcessGraph Graph(ProcessDefinition process, string definitionId) =>
        _graphs.GetOrAdd(definitionId, _ => new ProcessGraph(process));
}

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

    public async Task<ProcessDefinition> GetAsync(string definitionId, CancellationToken ct)
    {
        if (_processes.TryGetValue(definitionId, out var cached)) return cached;
        var record = await store.GetDefinitionAsync(definitionId, ct) ?? throw new NotFoundException("Definition", definitionId);
        return Add(record);
    }

    public ProcessDefinition Add(WorkflowDefinitionRecord record)
    {
        if (_processes.TryGetValue(record.Id, out var cached)) return cached;
        var result = BpmnParser.Parse(record.BpmnXml, limits);
        var process = result.Model?.FindProcess(record.ProcessId);
        if (process is null || !result.IsValid)
            throw new DefinitionInvalidException(result.Errors.ToList());
        return record.Status == DefinitionStatus.Published ? _processes.GetOrAdd(record.Id, process) : process;
    }

    public ProcessGraph Graph(ProcessDefinition process, string definitionId) =>
        _graphs.GetOrAdd(definitionId, _ => new ProcessGraph(process));
}

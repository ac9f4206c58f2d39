namespace Workflows.Engine.Model;

/// <summary>What one BPMN file holds: its executable processes, and the messages, signals and errors they refer to.</summary>
public sealed class BpmnModel
{
    public List<ProcessDefinition> Processes { get; } = new();
    /// <summary>bpmn:message id -> name (null when the message has none; referring to it is an error).</summary>
    public Dictionary<string, string?> Messages { get; } = new(StringComparer.Ordinal);
    /// <summary>bpmn:signal id -> name (a signal without a name is refused when it is read).</summary>
    public Dictionary<string, string> Signals { get; } = new(StringComparer.Ordinal);
    /// <summary>bpmn:error id -> (errorCode, name).</summary>
    public Dictionary<string, (string? Code, string? Name)> Errors { get; } = new(StringComparer.Ordinal);

    public ProcessDefinition? FindProcess(string id) => Processes.FirstOrDefault(p => p.Id == id);
}

using System.Text.Json.Nodes;

namespace Workflows.Engine.Contracts;

/// <summary>
/// C# behind a service task, registered by name. It reads the instance's variables and returns the variables
/// to set. Throw <see cref="BpmnErrorException"/> for a business error a boundary error event may catch;
/// any other exception is a technical failure: retried with backoff, then an incident.
/// </summary>
public interface IServiceTaskHandler
{
    /// <summary>The name a BPMN service task binds to (wf:handler / camunda:delegateExpression ${name}).</summary>
    string Name { get; }
    Task<JsonObject?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct);
}

public sealed record ServiceTaskContext(
    Guid InstanceId,
    string ProcessId,
    string? BusinessKey,
    string ElementId,
    /// <summary>The visible variables (process and enclosing scopes), a copy.</summary>
    JsonObject Variables,
    IReadOnlyDictionary<string, string> Parameters,
    int Attempt,
    /// <summary>The published version of the process the instance runs on (null where a caller outside the engine builds the context).</summary>
    DefinitionRef? Definition = null);

/// <summary>A business error thrown by a handler (or an error end event): caught by a matching boundary error event.</summary>
public sealed class BpmnErrorException(string errorCode, string? message = null)
    : Exception(message ?? $"BPMN error '{errorCode}'")
{
    public string ErrorCode { get; } = errorCode;
}

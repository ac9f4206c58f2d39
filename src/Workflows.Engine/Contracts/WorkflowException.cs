namespace Workflows.Engine.Contracts;

/// <summary>Base of the runtime's typed failures, each with a stable code the API maps to a status.</summary>
public abstract class WorkflowException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>Someone else changed the same thing first (the task was completed, the instance moved on). HTTP 409.</summary>
public sealed class ConcurrencyConflictException(string message) : WorkflowException("conflict", message);

/// <summary>No such definition, instance, task or incident. HTTP 404.</summary>
public sealed class NotFoundException(string what, object id) : WorkflowException("not-found", $"{what} '{id}' was not found.");

/// <summary>The actor may not do this (not assignee nor candidate, not the owner). HTTP 403.</summary>
public sealed class ForbiddenException(string message) : WorkflowException("forbidden", message);

/// <summary>The request is not valid in the current state (task already claimed by another, instance ended). HTTP 409/422.</summary>
public sealed class InvalidOperationWorkflowException(string message) : WorkflowException("invalid-state", message);

/// <summary>A definition failed validation; carries every problem found. HTTP 422.</summary>
public sealed class DefinitionInvalidException(IReadOnlyList<Parsing.BpmnDiagnostic> diagnostics)
    : WorkflowException("definition-invalid", "The BPMN definition is not valid: " + string.Join("; ", diagnostics.Select(d => d.ToString())))
{
    public IReadOnlyList<Parsing.BpmnDiagnostic> Diagnostics { get; } = diagnostics;
}

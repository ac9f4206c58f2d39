namespace Workflows.Engine.Model;

/// <summary>What an event waits for or throws. Null on an event means "none".</summary>
public abstract record EventDefinition;

/// <summary>A timer: exactly one of date, duration or cycle is set (expressions allowed).</summary>
public sealed record TimerEventDefinition(TimerKind Kind, string Text, Expressions.CompiledExpression? Expression) : EventDefinition;

public enum TimerKind { Date, Duration, Cycle }

/// <summary>A message, by its name (the name of the referenced bpmn:message). CorrelationKey is an expression evaluated when the subscription opens.</summary>
public sealed record MessageEventDefinition(string MessageName, Expressions.CompiledExpression? CorrelationKey) : EventDefinition;

/// <summary>An error, by code; a null code on a boundary catches every error.</summary>
public sealed record ErrorEventDefinition(string? ErrorCode, string? ErrorName) : EventDefinition;

public sealed record TerminateEventDefinition : EventDefinition;

/// <summary>
/// A signal, by the name of the referenced bpmn:signal; a name with <c>${...}</c> parts (<c>alert-${id}</c>) is
/// evaluated when a catch opens or a throw happens. On a throw, what it sends along (Camunda's <c>camunda:in</c> on the
/// definition): named values, all visible variables or only the throw event's locals, and the business key (for the
/// instances a signal start event starts).
/// </summary>
public sealed record SignalEventDefinition(string SignalName, Expressions.CompiledExpression? NameExpression) : EventDefinition
{
    public IReadOnlyList<VariableMapping> InMappings { get; init; } = Array.Empty<VariableMapping>();
    public bool InAll { get; init; }
    public bool InLocalOnly { get; init; }
    public bool PassBusinessKey { get; init; }
}

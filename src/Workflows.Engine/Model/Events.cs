namespace Workflows.Engine.Model;

public sealed class StartEvent : FlowNode
{
    public override string ElementType => "startEvent";
    public EventDefinition? Definition { get; init; }
    /// <summary>Our extension: the form shown to the person who starts the process.</summary>
    public string? FormKey { get; init; }
}

public sealed class EndEvent : FlowNode
{
    public override string ElementType => "endEvent";
    /// <summary>Null (none), <see cref="TerminateEventDefinition"/>, <see cref="ErrorEventDefinition"/> or <see cref="SignalEventDefinition"/>.</summary>
    public EventDefinition? Definition { get; init; }
}

/// <summary>Intermediate catch event: timer, message or signal.</summary>
public sealed class IntermediateCatchEvent : FlowNode
{
    public override string ElementType => "intermediateCatchEvent";
    public required EventDefinition Definition { get; init; }
}

/// <summary>An intermediate throw event: with no definition a pass-through milestone; with a signal, a broadcast.</summary>
public sealed class IntermediateThrowEvent : FlowNode
{
    public override string ElementType => "intermediateThrowEvent";
    /// <summary>Null (none) or <see cref="SignalEventDefinition"/>.</summary>
    public EventDefinition? Definition { get; init; }
}

public sealed class BoundaryEvent : FlowNode
{
    public override string ElementType => "boundaryEvent";
    public required string AttachedToRef { get; init; }
    public Activity AttachedTo { get; internal set; } = null!;
    /// <summary>True (the default) cancels the activity: an escalation. False leaves it running: a reminder.</summary>
    public bool CancelActivity { get; init; } = true;
    /// <summary>Timer, error or signal.</summary>
    public required EventDefinition Definition { get; init; }
}

using Workflows.Engine.Parsing;

namespace Workflows.Conformance.Tests.Signals;

/// <summary>Signal models Camunda refuses to deploy (SignalEventParseInvalidProcessTest): publishing refuses them too, naming the element.</summary>
public sealed class InvalidSignalModelTests
{
    [OwnModelFact("camunda SignalEventParseInvalidProcessTest: signal with id 'alertSignal' has no name", "Signals/invalid-no-signal-name.bpmn")]
    public void Signal_without_a_name_is_refused() =>
        AssertRefused("Signals/invalid-no-signal-name.bpmn", DiagnosticCodes.InvalidSignal, "alertSignal");

    [OwnModelFact("camunda SignalEventParseInvalidProcessTest: duplicate signal name", "Signals/invalid-duplicate-signal-names.bpmn")]
    public void Two_signals_with_one_name_are_refused() =>
        AssertRefused("Signals/invalid-duplicate-signal-names.bpmn", DiagnosticCodes.InvalidSignal, "alertSignal2");

    [OwnModelFact("camunda SignalEventParseInvalidProcessTest: signalEventDefinition does not have required property 'signalRef'",
        "Signals/invalid-signal-without-ref.bpmn")]
    public void Signal_event_without_signal_ref_is_refused() =>
        AssertRefused("Signals/invalid-signal-without-ref.bpmn", DiagnosticCodes.UnknownReference, "alertThrown");

    [OwnModelFact("camunda SignalEventParseInvalidProcessTest: Cannot have more than one signal event subscription with name 'signal'",
        "Signals/invalid-two-signal-starts.bpmn")]
    public void Two_start_events_for_one_signal_are_refused() =>
        AssertRefused("Signals/invalid-two-signal-starts.bpmn", DiagnosticCodes.InvalidSignal, "start2");

    private static void AssertRefused(string model, string code, string elementId)
    {
        var result = BpmnParser.Parse(ModelRun.ReadOwnModel(model));
        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal(code, error.Code);
        Assert.Equal(elementId, error.ElementId);
    }
}

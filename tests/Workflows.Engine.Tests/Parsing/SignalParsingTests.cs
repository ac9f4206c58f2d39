using Workflows.Engine.Model;
using Workflows.Engine.Parsing;

namespace Workflows.Engine.Tests.Parsing;

/// <summary>Signal events as Camunda Modeler writes them: <c>signalRef</c> to a root <c>&lt;bpmn:signal name&gt;</c>.</summary>
public sealed class SignalParsingTests
{
    private static BpmnParseResult Parse(string signals, string body, string? secondProcess = null) => BpmnParser.Parse($"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
        {signals}
        <bpmn:process id="p" isExecutable="true">
        {body}
        </bpmn:process>
        {secondProcess}
        </bpmn:definitions>
        """);

    private const string Alert = """<bpmn:signal id="Sig_Alert" name="alert" />""";

    [Fact]
    public void Signal_catch_boundary_throw_start_and_end_events_parse_with_the_signal_name()
    {
        var result = Parse(Alert + """<bpmn:signal id="Sig_Region" name="alert-${region}" />""", """
            <bpmn:startEvent id="s" />
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
            <bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="Sig_Region" /></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="task" />
            <bpmn:userTask id="task" camunda:assignee="a" />
            <bpmn:boundaryEvent id="stop" attachedToRef="task"><bpmn:signalEventDefinition signalRef="Sig_Alert" /></bpmn:boundaryEvent>
            <bpmn:boundaryEvent id="note" attachedToRef="task" cancelActivity="false"><bpmn:signalEventDefinition signalRef="Sig_Alert" /></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f3" sourceRef="task" targetRef="tell" />
            <bpmn:intermediateThrowEvent id="tell">
              <bpmn:signalEventDefinition signalRef="Sig_Alert">
                <bpmn:extensionElements>
                  <camunda:in source="amount" target="paid" />
                  <camunda:in variables="all" local="true" />
                  <camunda:in businessKey="${execution.processBusinessKey}" />
                </bpmn:extensionElements>
              </bpmn:signalEventDefinition>
            </bpmn:intermediateThrowEvent>
            <bpmn:sequenceFlow id="f4" sourceRef="tell" targetRef="e" />
            <bpmn:endEvent id="e"><bpmn:signalEventDefinition signalRef="Sig_Alert" /></bpmn:endEvent>
            <bpmn:sequenceFlow id="f5" sourceRef="stop" targetRef="e2" />
            <bpmn:endEvent id="e2" />
            <bpmn:sequenceFlow id="f6" sourceRef="note" targetRef="e3" />
            <bpmn:endEvent id="e3" />
            """, """
            <bpmn:process id="q" isExecutable="true">
              <bpmn:startEvent id="qs"><bpmn:signalEventDefinition signalRef="Sig_Alert" /></bpmn:startEvent>
              <bpmn:sequenceFlow id="q1" sourceRef="qs" targetRef="qe" />
              <bpmn:endEvent id="qe" />
            </bpmn:process>
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        var process = result.Model!.FindProcess("p")!;
        var wait = Assert.IsType<SignalEventDefinition>(Assert.IsType<IntermediateCatchEvent>(process.GetNode("wait")).Definition);
        Assert.Equal("alert-${region}", wait.SignalName);
        Assert.NotNull(wait.NameExpression);
        var task = Assert.IsType<UserTask>(process.GetNode("task"));
        Assert.All(task.BoundaryEvents, b => Assert.Equal("alert", Assert.IsType<SignalEventDefinition>(b.Definition).SignalName));
        Assert.False(task.BoundaryEvents.Single(b => b.Id == "note").CancelActivity);
        var tell = Assert.IsType<SignalEventDefinition>(Assert.IsType<IntermediateThrowEvent>(process.GetNode("tell")).Definition);
        Assert.Equal("paid", Assert.Single(tell.InMappings).Target);
        Assert.True(tell.InAll && tell.InLocalOnly && tell.PassBusinessKey);
        Assert.IsType<SignalEventDefinition>(Assert.IsType<EndEvent>(process.GetNode("e")).Definition);
        Assert.IsType<SignalEventDefinition>(Assert.Single(result.Model.FindProcess("q")!.StartEvents).Definition);
    }

    [Theory]
    [InlineData("""<bpmn:signal id="Sig_Alert" />""", "BPMN036", "Sig_Alert", "has no name")]
    [InlineData("""<bpmn:signal id="Sig_Alert" name="alert" /><bpmn:signal id="Sig_Other" name="alert" />""", "BPMN036", "Sig_Other", "as signal 'Sig_Alert' does")]
    public void A_signal_needs_a_name_of_its_own(string signals, string code, string elementId, string message)
    {
        var result = Parse(signals, """
            <bpmn:startEvent id="s" />
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
            <bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="Sig_Alert" /></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="e" />
            <bpmn:endEvent id="e" />
            """);

        // One problem, one diagnostic: the event referring to the unnamed signal is not blamed as well.
        var error = Assert.Single(result.Errors);
        Assert.Equal(code, error.Code);
        Assert.Equal(elementId, error.ElementId);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("""<bpmn:signalEventDefinition />""", "BPMN027", "without signalRef")]
    [InlineData("""<bpmn:signalEventDefinition signalRef="Sig_Missing" />""", "BPMN027", "'Sig_Missing', which is not defined")]
    [InlineData("""<bpmn:messageEventDefinition messageRef="Msg" />""", "BPMN005", "message event definition is not supported")]
    public void A_throw_event_needs_a_defined_signal(string definition, string code, string message)
    {
        var result = Parse(Alert + """<bpmn:message id="Msg" name="m" />""", $"""
            <bpmn:startEvent id="s" />
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="tell" />
            <bpmn:intermediateThrowEvent id="tell">{definition}</bpmn:intermediateThrowEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="tell" targetRef="e" />
            <bpmn:endEvent id="e" />
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(code, error.Code);
        Assert.Equal("tell", error.ElementId);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Two_start_events_of_one_process_for_one_signal_are_refused()
    {
        var result = Parse(Alert, """
            <bpmn:startEvent id="s1"><bpmn:signalEventDefinition signalRef="Sig_Alert" /></bpmn:startEvent>
            <bpmn:startEvent id="s2"><bpmn:signalEventDefinition signalRef="Sig_Alert" /></bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="s1" targetRef="e" />
            <bpmn:sequenceFlow id="f2" sourceRef="s2" targetRef="e" />
            <bpmn:endEvent id="e" />
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCodes.InvalidSignal, error.Code);
        Assert.Equal("s2", error.ElementId);
        Assert.Contains("each signal may start a process in one way only", error.Message);
    }

    [Fact]
    public void Variables_on_a_catching_signal_are_ignored_with_a_warning()
    {
        var result = Parse(Alert, """
            <bpmn:startEvent id="s" />
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
            <bpmn:intermediateCatchEvent id="wait">
              <bpmn:signalEventDefinition signalRef="Sig_Alert">
                <bpmn:extensionElements><camunda:in source="a" target="b" /></bpmn:extensionElements>
              </bpmn:signalEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="e" />
            <bpmn:endEvent id="e" />
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.IgnoredExtension, warning.Code);
        Assert.Equal("wait", warning.ElementId);
    }
}

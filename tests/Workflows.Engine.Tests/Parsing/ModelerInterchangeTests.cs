using Workflows.Engine.Model;
using Workflows.Engine.Parsing;

namespace Workflows.Engine.Tests.Parsing;

/// <summary>What files from Camunda Modeler, Camunda's and Flowable's test suites and bpmn-js write, and the engine must take
/// (or refuse as Camunda does). Each case is the smallest form of a model in the conformance corpus.</summary>
public sealed class ModelerInterchangeTests
{
    private const string Head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:tns="urn:test" id="d" targetNamespace="urn:test">
        """;

    private static BpmnParseResult Parse(string body, string? roots = null) =>
        BpmnParser.Parse(Head + (roots ?? "") + "\n<bpmn:process id=\"p\" isExecutable=\"true\">\n" + body + "\n</bpmn:process>\n</bpmn:definitions>");

    private static string Dump(BpmnParseResult r) => string.Join("\n", r.Diagnostics);

    [Fact]
    public void Sub_process_drawn_by_camunda_modeler_is_read_with_its_own_incoming_outgoing_and_loop()
    {
        var result = Parse("""
            <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="sub"/>
            <bpmn:subProcess id="sub">
              <bpmn:incoming>f1</bpmn:incoming>
              <bpmn:outgoing>f2</bpmn:outgoing>
              <bpmn:multiInstanceLoopCharacteristics camunda:collection="${items}" camunda:elementVariable="item" isSequential="true"/>
              <bpmn:startEvent id="in"/>
              <bpmn:sequenceFlow id="i1" sourceRef="in" targetRef="t"/>
              <bpmn:userTask id="t" camunda:assignee="${item}"><bpmn:incoming>i1</bpmn:incoming></bpmn:userTask>
              <bpmn:sequenceFlow id="i2" sourceRef="t" targetRef="out"/>
              <bpmn:endEvent id="out"/>
            </bpmn:subProcess>
            <bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="e"/>
            <bpmn:endEvent id="e"/>
            """);
        Assert.True(result.IsValid, Dump(result));
        var sub = Assert.IsType<SubProcess>(result.Model!.Processes[0].GetNode("sub"));
        Assert.True(sub.MultiInstance!.IsSequential);
        Assert.Equal("item", sub.MultiInstance.ElementVariable);
        Assert.Equal(["in", "t", "out"], sub.Nodes.Select(n => n.Id));
        Assert.Equal(["in"], sub.InitialNodes.Select(n => n.Id));
    }

    [Fact]
    public void Sub_process_without_start_event_begins_at_its_nodes_without_incoming_flow()
    {
        var result = Parse("""
            <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="sub"/>
            <bpmn:subProcess id="sub">
              <bpmn:userTask id="a" camunda:assignee="x"/><bpmn:sequenceFlow id="i1" sourceRef="a" targetRef="b"/><bpmn:userTask id="b" camunda:assignee="x"/>
            </bpmn:subProcess>
            <bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="e"/><bpmn:endEvent id="e"/>
            """);
        Assert.True(result.IsValid, Dump(result));
        var sub = (SubProcess)result.Model!.Processes[0].GetNode("sub");
        Assert.Equal(["a"], sub.InitialNodes.Select(n => n.Id));
        Assert.Contains(result.Diagnostics, d => d is { Code: "BPMN009", Severity: DiagnosticSeverity.Warning, ElementId: "b" });
    }

    [Fact]
    public void Prefixed_message_and_error_references_resolve_through_the_target_namespace()
    {
        var result = Parse("""
            <bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="tns:newInvoice"/></bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="e"/>
            <bpmn:endEvent id="e"><bpmn:errorEventDefinition errorRef="tns:lapsed"/></bpmn:endEvent>
            """, """<bpmn:message id="newInvoice" name="newInvoiceMessage"/><bpmn:error id="lapsed" errorCode="PATENT_LAPSED"/>""");
        Assert.True(result.IsValid, Dump(result));
        var process = result.Model!.Processes[0];
        Assert.Equal("newInvoiceMessage", Assert.IsType<MessageEventDefinition>(((StartEvent)process.GetNode("s")).Definition).MessageName);
        Assert.Equal("PATENT_LAPSED", Assert.IsType<ErrorEventDefinition>(((EndEvent)process.GetNode("e")).Definition).ErrorCode);
    }

    [Fact]
    public void Error_ref_naming_no_error_element_is_taken_as_the_error_code_with_a_warning()
    {
        var result = Parse("""
            <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="e"/>
            <bpmn:endEvent id="e"><bpmn:errorEventDefinition errorRef="myError"/></bpmn:endEvent>
            """);
        Assert.True(result.IsValid, Dump(result));
        Assert.Equal("myError", ((ErrorEventDefinition)((EndEvent)result.Model!.Processes[0].GetNode("e")).Definition!).ErrorCode);
        Assert.Contains(result.Diagnostics, d => d is { Code: "BPMN027", Severity: DiagnosticSeverity.Warning, ElementId: "e" });
    }

    [Fact]
    public void Flow_without_id_gets_a_stable_synthetic_id_and_a_warning()
    {
        const string body = """
            <bpmn:startEvent id="s"/><bpmn:sequenceFlow sourceRef="s" targetRef="t"/>
            <bpmn:userTask id="t" camunda:assignee="a"/><bpmn:sequenceFlow sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/>
            """;
        var first = Parse(body);
        Assert.True(first.IsValid, Dump(first));
        Assert.Equal(["flow_s_t", "flow_t_e"], first.Model!.Processes[0].Flows.Select(f => f.Id));
        Assert.Equal(2, first.Diagnostics.Count(d => d is { Code: "BPMN026", Severity: DiagnosticSeverity.Warning }));
        Assert.Equal(["flow_s_t", "flow_t_e"], Parse(body).Model!.Processes[0].Flows.Select(f => f.Id));
    }

    [Fact]
    public void Activity_without_outgoing_flow_is_an_implicit_end_with_a_warning()
    {
        var result = Parse("""<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/><bpmn:userTask id="t" camunda:assignee="a"/>""");
        Assert.True(result.IsValid, Dump(result));
        var warning = Assert.Single(result.Diagnostics, d => d.Code == "BPMN009");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal("t", warning.ElementId);
    }

    [Theory]
    [InlineData("${x > 5}", "${x <= 5}")]
    [InlineData("${x >= 5}", "${x < 5}")]
    [InlineData("${x > 5}", "${5 >= x}")]
    [InlineData("${a == \"y\"}", "${a != \"y\"}")]
    [InlineData("${a == 'y'}", "${'y' != a}")]
    [InlineData("${a eq 'y'}", "${a ne 'y'}")]
    [InlineData("${approved}", "${!approved}")]
    [InlineData("${approved}", "${not(approved)}")]
    [InlineData("${x > 5 && y}", "${not(x > 5 && y)}")]
    [InlineData("${x > 5}", "${not(x > 5)}")]
    [InlineData("${true}", "${x == 1}")]
    public void Complementary_conditions_need_no_default_flow(string a, string b)
    {
        var result = Parse(Gateway(a, b, "${x == 42}"));
        Assert.True(result.IsValid, Dump(result));
    }

    [Theory]
    [InlineData("${x > 5}", "${x < 5}")]
    [InlineData("${x > 5}", "${y <= 5}")]
    [InlineData("${a == 'y'}", "${a != 'z'}")]
    [InlineData("${approved}", "${rejected}")]
    public void Conditions_not_shown_exhaustive_keep_BPMN012(string a, string b)
    {
        var result = Parse(Gateway(a, b));
        var error = Assert.Single(result.Errors);
        Assert.Equal("BPMN012", error.Code);
        Assert.Equal("g", error.ElementId);
    }

    private static string Gateway(params string[] conditions) =>
        """<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="g"/><bpmn:exclusiveGateway id="g"/><bpmn:endEvent id="e"/>""" +
        string.Concat(conditions.Select((c, i) =>
            $"""<bpmn:sequenceFlow id="c{i}" sourceRef="g" targetRef="e"><bpmn:conditionExpression>{System.Security.SecurityElement.Escape(c)}</bpmn:conditionExpression></bpmn:sequenceFlow>"""));

    [Fact]
    public void A_refused_element_is_reported_once_not_again_by_its_neighbours()
    {
        var result = Parse("""
            <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="x"/>
            <bpmn:scriptTask id="x"><bpmn:script>1</bpmn:script></bpmn:scriptTask>
            <bpmn:sequenceFlow id="f2" sourceRef="x" targetRef="t"/>
            <bpmn:userTask id="t" camunda:assignee="a"/><bpmn:sequenceFlow id="f3" sourceRef="t" targetRef="u"/>
            <bpmn:userTask id="u" camunda:assignee="a"/><bpmn:sequenceFlow id="f4" sourceRef="u" targetRef="e"/><bpmn:endEvent id="e"/>
            """);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("BPMN004", "x"), (error.Code, error.ElementId));
        Assert.DoesNotContain(result.Diagnostics, d => d.Code is "BPMN009" or "BPMN011" or "BPMN006");
    }

    [Fact]
    public void Two_message_start_events_with_one_message_name_are_refused()
    {
        var result = Parse("""
            <bpmn:startEvent id="s1"><bpmn:messageEventDefinition messageRef="tns:m1"/></bpmn:startEvent><bpmn:sequenceFlow id="f1" sourceRef="s1" targetRef="e"/>
            <bpmn:startEvent id="s2"><bpmn:messageEventDefinition messageRef="tns:m2"/></bpmn:startEvent><bpmn:sequenceFlow id="f2" sourceRef="s2" targetRef="e"/>
            <bpmn:endEvent id="e"/>
            """, """<bpmn:message id="m1" name="invoice"/><bpmn:message id="m2" name="invoice"/>""");
        var error = Assert.Single(result.Errors);
        Assert.Equal(("BPMN032", "s2"), (error.Code, error.ElementId));
        Assert.Contains("invoice", error.Message);
    }

    [Theory]
    [InlineData("""<bpmn:message id="m1"/>""")]
    [InlineData("""<bpmn:message id="m1" name=""/>""")]
    public void A_message_without_a_name_is_refused_where_it_is_used(string message)
    {
        var result = Parse("""
            <bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="m1"/></bpmn:startEvent><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="e"/><bpmn:endEvent id="e"/>
            """, message);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("BPMN032", "s"), (error.Code, error.ElementId));
        Assert.True(error.Location.Line > 1);
    }

    [Fact]
    public void Input_output_mappings_are_read_on_call_activities_events_and_sub_processes()
    {
        static string Io(string name) => $"""<bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="in_{name}">${"{"}x{"}"}</camunda:inputParameter><camunda:outputParameter name="out_{name}">done-${"{"}x{"}"}</camunda:outputParameter></camunda:inputOutput></bpmn:extensionElements>""";
        var result = Parse($"""
            <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="call"/>
            <bpmn:callActivity id="call" calledElement="other">{Io("call")}</bpmn:callActivity><bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="wait"/>
            <bpmn:intermediateCatchEvent id="wait">{Io("wait")}<bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f3" sourceRef="wait" targetRef="sub"/>
            <bpmn:subProcess id="sub">{Io("sub")}<bpmn:startEvent id="ss"/><bpmn:sequenceFlow id="i1" sourceRef="ss" targetRef="se"/><bpmn:endEvent id="se"/></bpmn:subProcess>
            <bpmn:boundaryEvent id="late" attachedToRef="sub">{Io("late")}<bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f4" sourceRef="sub" targetRef="e"/><bpmn:sequenceFlow id="f5" sourceRef="late" targetRef="e"/><bpmn:endEvent id="e"/>
            """);
        Assert.True(result.IsValid, Dump(result));
        var process = result.Model!.Processes[0];
        foreach (var id in new[] { "call", "wait", "sub", "late" })
        {
            var node = process.GetNode(id);
            Assert.Equal($"in_{id}", Assert.Single(node.Inputs).Target);
            var output = Assert.Single(node.Outputs);
            Assert.Equal($"out_{id}", output.Target);
            Assert.True(output.Source.IsComposite);
        }
    }

    [Fact]
    public void Input_output_mappings_on_a_start_event_are_refused()
    {
        var result = Parse("""
            <bpmn:startEvent id="s"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="a">1</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="e"/><bpmn:endEvent id="e"/>
            """);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("BPMN004", "s"), (error.Code, error.ElementId));
        Assert.Contains("camunda:inputOutput", error.Message);
    }

    [Fact]
    public void Output_mappings_on_an_end_event_are_refused()
    {
        var result = Parse("""
            <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="e"/>
            <bpmn:endEvent id="e"><bpmn:extensionElements><camunda:inputOutput><camunda:outputParameter name="a">1</camunda:outputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:endEvent>
            """);
        Assert.Equal(("BPMN004", "e"), Assert.Single(result.Errors) is var e ? (e.Code, e.ElementId) : default);
    }

    [Fact]
    public void Input_output_mappings_on_a_gateway_are_kept_with_a_portability_warning()
    {
        var result = Parse("""
            <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="g"/>
            <bpmn:exclusiveGateway id="g"><bpmn:extensionElements><camunda:inputOutput><camunda:outputParameter name="seen">${true}</camunda:outputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:exclusiveGateway>
            <bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="e"/><bpmn:endEvent id="e"/>
            """);
        Assert.True(result.IsValid, Dump(result));
        Assert.Equal("seen", Assert.Single(result.Model!.Processes[0].GetNode("g").Outputs).Target);
        Assert.Contains(result.Diagnostics, d => d is { Code: "BPMN035", Severity: DiagnosticSeverity.Warning, ElementId: "g" });
    }

    [Fact]
    public void Composite_values_are_read_as_templates_and_their_syntax_errors_name_element_and_line()
    {
        var result = Parse("""
            <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
            <bpmn:userTask id="t" name="Review ${title}" camunda:assignee="user-${who}" camunda:formKey="embedded:app:forms/${kind}.html" camunda:dueDate="${due}"/>
            <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="u"/>
            <bpmn:userTask id="u" camunda:assignee="user-${who +}"/>
            <bpmn:sequenceFlow id="f3" sourceRef="u" targetRef="e"/><bpmn:endEvent id="e"/>
            """);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("BPMN018", "u"), (error.Code, error.ElementId));
        Assert.Equal(7, error.Location.Line);
        var task = (UserTask)result.Model!.Processes[0].GetNode("t");
        Assert.True(task.Assignee!.IsComposite);
        Assert.True(task.NameExpression!.IsComposite);
        Assert.True(task.FormKeyExpression!.IsComposite);
        Assert.False(task.DueDate!.IsComposite);
    }

    [Fact]
    public void A_condition_mixing_text_and_expressions_is_refused()
    {
        var result = Parse("""
            <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="e"><bpmn:conditionExpression>${a} and ${b}</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:endEvent id="e"/>
            """);
        Assert.Equal(("BPMN018", "f1"), Assert.Single(result.Errors) is var e ? (e.Code, e.ElementId) : default);
    }

    [Fact]
    public void A_timer_value_with_expression_parts_is_a_composite()
    {
        var result = Parse("""
            <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="w"/>
            <bpmn:intermediateCatchEvent id="w"><bpmn:timerEventDefinition><bpmn:timeDuration>P${days}D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="w" targetRef="e"/><bpmn:endEvent id="e"/>
            """);
        Assert.True(result.IsValid, Dump(result));
        var timer = (TimerEventDefinition)((IntermediateCatchEvent)result.Model!.Processes[0].GetNode("w")).Definition;
        Assert.True(timer.Expression!.IsComposite);
    }

    [Fact]
    public void A_condition_with_a_syntax_error_is_not_also_blamed_for_a_gateway_without_default()
    {
        var result = Parse(Gateway("${x >}", "${x > 1}"));
        var error = Assert.Single(result.Errors);
        Assert.Equal(("BPMN018", "c0"), (error.Code, error.ElementId));
    }

    [Fact]
    public void A_called_element_chosen_by_expression_is_refused_rather_than_taken_literally()
    {
        var result = Parse("""
            <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="c"/>
            <bpmn:callActivity id="c" calledElement="${which}"/><bpmn:sequenceFlow id="f2" sourceRef="c" targetRef="e"/><bpmn:endEvent id="e"/>
            """);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("BPMN031", "c"), (error.Code, error.ElementId));
    }
}

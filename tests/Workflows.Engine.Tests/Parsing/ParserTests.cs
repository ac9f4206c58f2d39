using Workflows.Engine.Model;
using Workflows.Engine.Parsing;

namespace Workflows.Engine.Tests.Parsing;

public sealed class ParserTests
{
    private const string Head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:wf="http://workflowhost.org/schema/bpmn/1.0" id="d" targetNamespace="t">
        <bpmn:process id="p" isExecutable="true">
        """;
    private const string Tail = "\n</bpmn:process>\n</bpmn:definitions>";

    /// <summary>A process around the given body; its first body line is line 4.</summary>
    private static BpmnParseResult Parse(string body, BpmnParseOptions? options = null) => BpmnParser.Parse(Head + "\n" + body + Tail, options);

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Bpmn", "Parsing", name));

    [Fact]
    public void A_multi_instance_sub_process_as_bpmn_js_writes_it_parses()
    {
        // bpmn-js writes a sub-process's incoming, outgoing and loop characteristics among its children.
        var result = Parse("""
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="each" />
            <bpmn:subProcess id="each">
              <bpmn:incoming>f1</bpmn:incoming>
              <bpmn:outgoing>f2</bpmn:outgoing>
              <bpmn:multiInstanceLoopCharacteristics camunda:collection="${members}" camunda:elementVariable="member" />
              <bpmn:startEvent id="s"><bpmn:outgoing>g1</bpmn:outgoing></bpmn:startEvent>
              <bpmn:sequenceFlow id="g1" sourceRef="s" targetRef="vote" />
              <bpmn:userTask id="vote" camunda:assignee="${member}"><bpmn:incoming>g1</bpmn:incoming><bpmn:outgoing>g2</bpmn:outgoing></bpmn:userTask>
              <bpmn:sequenceFlow id="g2" sourceRef="vote" targetRef="e" />
              <bpmn:endEvent id="e"><bpmn:incoming>g2</bpmn:incoming></bpmn:endEvent>
            </bpmn:subProcess>
            <bpmn:sequenceFlow id="f2" sourceRef="each" targetRef="end" />
            <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
            """);
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        var each = Assert.IsType<SubProcess>(result.Model!.Processes[0].GetNode("each"));
        Assert.Equal("member", each.MultiInstance!.ElementVariable);
        Assert.Equal(3, each.Nodes.Count);
    }

    [Fact]
    public void Camunda_modeler_file_parses_into_the_model()
    {
        var result = BpmnParser.Parse(Fixture("camunda-modeler-approval.bpmn"));
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        var process = Assert.Single(result.Model!.Processes);
        Assert.Equal("TransferApproval", process.Id);
        var screen = Assert.IsType<UserTask>(process.GetNode("Activity_Screen"));
        Assert.Equal("tech-manager", screen.CandidateGroups!.Text);
        Assert.Equal("P5D", screen.DueDate!.Text);
        var overdue = Assert.Single(screen.BoundaryEvents);
        Assert.True(overdue.CancelActivity);
        Assert.Equal(TimerKind.Duration, Assert.IsType<TimerEventDefinition>(overdue.Definition).Kind);
        var vote = Assert.IsType<UserTask>(process.GetNode("Activity_Vote"));
        Assert.Equal("member", vote.MultiInstance!.ElementVariable);
        Assert.NotNull(vote.MultiInstance.CompletionCondition);
        Assert.Equal("Flow_Reject", process.GetNode("Gateway_Decision").DefaultFlowId);
        Assert.Equal(2, process.GetNode("Gateway_Join").Incoming.Count);
        Assert.Equal(new SourceLocation(8, 6), screen.Location);
    }

    [Theory]
    [InlineData("""<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="x"/><bpmn:scriptTask id="x" scriptFormat="js"><bpmn:script>1</bpmn:script></bpmn:scriptTask>""", "BPMN004", "x", "scripts cannot run here")]
    [InlineData("""<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="nowhere"/>""", "BPMN006", "f", "dangling")]
    [InlineData("""<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"/><bpmn:endEvent id="e"/><bpmn:userTask id="lost" camunda:assignee="a"/><bpmn:sequenceFlow id="f2" sourceRef="lost" targetRef="e"/>""", "BPMN011", "lost", "cannot be reached")]
    [InlineData("""<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="g"/><bpmn:exclusiveGateway id="g"/><bpmn:sequenceFlow id="a" sourceRef="g" targetRef="e"><bpmn:conditionExpression>${x > 1}</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:sequenceFlow id="b" sourceRef="g" targetRef="e"><bpmn:conditionExpression>${x > 5}</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:endEvent id="e"/>""", "BPMN012", "g", "can choose no path")]
    [InlineData("""<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t"/><bpmn:serviceTask id="t" wf:handler="nope"/><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/>""", "BPMN020", "t", "not registered")]
    [InlineData("""<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"><bpmn:conditionExpression>${amount >}</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:endEvent id="e"/>""", "BPMN018", "f", "right-hand side")]
    [InlineData("""<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="w"/><bpmn:intermediateCatchEvent id="w"><bpmn:timerEventDefinition><bpmn:timeDuration>5 days</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent><bpmn:sequenceFlow id="f2" sourceRef="w" targetRef="e"/><bpmn:endEvent id="e"/>""", "BPMN019", "w", "not an ISO 8601 duration")]
    [InlineData("""<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t"/><bpmn:exclusiveGateway id="t"/>""", "BPMN009", "t", "no outgoing flow")]
    [InlineData("""<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"/><bpmn:endEvent id="e"/><bpmn:boundaryEvent id="b" attachedToRef="s"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>""", "BPMN016", "b", "not an activity")]
    [InlineData("""<bpmn:startEvent id="s"><bpmn:conditionalEventDefinition/></bpmn:startEvent><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"/><bpmn:endEvent id="e"/>""", "BPMN005", "s", "conditional event definition is not supported")]
    [InlineData("""<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="g"/><bpmn:parallelGateway id="g"/><bpmn:sequenceFlow id="a" sourceRef="g" targetRef="e"><bpmn:conditionExpression>${x}</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:endEvent id="e"/>""", "BPMN014", "a", "parallel gateway takes every flow")]
    [InlineData("""<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t"/><bpmn:serviceTask id="t" camunda:class="org.acme.Foo"/><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/>""", "BPMN004", "t", "Java class")]
    [InlineData("""<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t"/><bpmn:userTask id="t" camunda:assignee="a"><bpmn:standardLoopCharacteristics/></bpmn:userTask><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/>""", "BPMN004", "t", "loops are drawn")]
    [InlineData("""<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t"/><bpmn:userTask id="t" camunda:assignee="a"><bpmn:multiInstanceLoopCharacteristics/></bpmn:userTask><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/>""", "BPMN017", "t", "needs camunda:collection")]
    [InlineData("""<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e"/>""", "BPMN002", "e", "used twice")]
    [InlineData("""<bpmn:userTask id="t" camunda:assignee="a"/><bpmn:sequenceFlow id="f" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/>""", "BPMN008", null, "no start event")]
    public void Invalid_definitions_are_rejected_with_code_element_and_line(string body, string code, string? elementId, string message)
    {
        var result = Parse(body, new BpmnParseOptions { KnownHandlers = new HashSet<string> { "known" } });
        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors, d => d.Code == code);
        Assert.Equal(elementId, error.ElementId);
        Assert.Contains(message, error.Message);
        Assert.True(error.Location.Line >= 3, $"line {error.Location.Line}");
    }

    [Fact]
    public void Malformed_xml_is_one_diagnostic_with_its_line()
    {
        var result = BpmnParser.Parse("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n<bpmn:process id=\"p\">\n</bpmn:definitions>");
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("BPMN001", error.Code);
        Assert.Equal(3, error.Location.Line);
        Assert.Null(result.Model);
    }

    [Fact]
    public void Dtds_are_refused()
    {
        var result = BpmnParser.Parse("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><d>&x;</d>");
        Assert.Equal("BPMN001", Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Complementary_conditions_need_no_default()
    {
        var result = Parse("""
            <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="g"/><bpmn:exclusiveGateway id="g"/>
            <bpmn:sequenceFlow id="a" sourceRef="g" targetRef="e"><bpmn:conditionExpression>${approved}</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="b" sourceRef="g" targetRef="e"><bpmn:conditionExpression>${!approved}</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:endEvent id="e"/>
            """);
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void Our_attributes_win_over_camundas_and_literals_stay_literals()
    {
        var result = Parse("""
            <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t"/>
            <bpmn:userTask id="t" camunda:assignee="camunda-user" wf:assignee="${inventorId}" camunda:candidateGroups="a,b" wf:reminders="P1D,P3D" wf:workingDays="true"/>
            <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/>
            """);
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        var task = (UserTask)result.Model!.Processes[0].GetNode("t");
        Assert.Equal("${inventorId}", task.Assignee!.Text);
        Assert.Equal("a,b", task.CandidateGroups!.Evaluate(new NoVariables()));
        Assert.Equal([TimeSpan.FromDays(3), TimeSpan.FromDays(1)], task.ReminderOffsets);
        Assert.True(task.WorkingDays);
    }

    [Fact]
    public void A_user_task_is_marked_personal_and_confidential_by_our_attributes()
    {
        var result = Parse("""
            <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t"/>
            <bpmn:userTask id="t" camunda:assignee="${member}" wf:personal="true" wf:confidential="true"/>
            <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="u"/>
            <bpmn:userTask id="u" camunda:assignee="a" wf:personal="false"/>
            <bpmn:sequenceFlow id="f3" sourceRef="u" targetRef="e"/><bpmn:endEvent id="e"/>
            """);
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        var process = result.Model!.Processes[0];
        var marked = (UserTask)process.GetNode("t");
        Assert.True(marked.Personal);
        Assert.True(marked.Confidential);
        var plain = (UserTask)process.GetNode("u");
        Assert.False(plain.Personal);
        Assert.False(plain.Confidential);
    }

    [Theory]
    [InlineData("personal")]
    [InlineData("confidential")]
    public void A_personal_or_confidential_flag_that_is_not_true_or_false_is_refused(string attribute)
    {
        var result = Parse($"""
            <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t"/>
            <bpmn:userTask id="t" camunda:assignee="a" wf:{attribute}="yes"/>
            <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/>
            """);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("BPMN031", "t"), (error.Code, error.ElementId));
        Assert.Contains($"wf:{attribute}=\"yes\"", error.Message);
    }

    [Fact]
    public void Listeners_are_refused_because_they_run_code()
    {
        var result = Parse("""
            <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t"/>
            <bpmn:userTask id="t" camunda:assignee="a"><bpmn:extensionElements><camunda:taskListener class="x.Y" event="create"/></bpmn:extensionElements></bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/>
            """);
        Assert.Contains(result.Errors, d => d.Code == "BPMN004" && d.ElementId == "t" && d.Message.Contains("listeners run code"));
    }

    [Fact]
    public void Every_runtime_fixture_is_valid()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Bpmn", "Runtime"), "*.bpmn"))
        {
            var result = BpmnParser.Parse(File.ReadAllText(file));
            Assert.True(result.IsValid, Path.GetFileName(file) + ": " + string.Join("\n", result.Diagnostics));
        }
    }

    private sealed class NoVariables : Workflows.Engine.Expressions.IVariableScope
    {
        public bool TryGetVariable(string name, out object? value)
        {
            value = null;
            return false;
        }
    }
    [Fact]
    public void Names_in_other_languages_are_read_beside_the_name_and_picked_by_culture()
    {
        var result = Parse("""
            <bpmn:startEvent id="start" name="Submitted" wf:name-zh-CN="已提交"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="screen" name="next" wf:name-zh-CN="下一步" />
            <bpmn:userTask id="screen" name="Screen the disclosure" wf:name-zh-CN="审查发明披露" wf:name-fr="  "><bpmn:incoming>f1</bpmn:incoming></bpmn:userTask>
            """);
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        var process = result.Model!.Processes.Single();
        var task = process.GetNode("screen");
        Assert.Equal("Screen the disclosure", task.Name);
        Assert.Equal("审查发明披露", task.LocalizedNames.For("zh-CN"));
        Assert.Equal("审查发明披露", task.LocalizedNames.For("zh")); // same language, other spelling
        Assert.Equal("审查发明披露", task.LocalizedNames.For("zh-Hans"));
        Assert.Null(task.LocalizedNames.For("fr")); // blank: left out
        Assert.Equal("Screen the disclosure", task.LocalizedNames.Pick(task.Name, "en"));
        Assert.Equal("已提交", process.GetNode("start").LocalizedNames.For("zh-CN"));
        Assert.Equal("下一步", process.FlowsById["f1"].LocalizedNames.For("zh-CN"));
        Assert.Empty(process.LocalizedNames.ByCulture);
    }
}

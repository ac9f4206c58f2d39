namespace Workflows.Cli.Tests;

/// <summary>`wf run`: every way a process starts, the instances it calls, and errors as one line.</summary>
public sealed class RunCommandTests
{
    private static string Temp(string content)
    {
        var dir = Path.Combine(Path.GetTempPath(), "wf-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "model.bpmn");
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int Exit, string Out, string Err)> Run(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, new StringReader(input), output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static string Definitions(string processes) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="t">
        {processes}
        </bpmn:definitions>
        """;

    private static readonly string MessageStarted = Definitions("""
          <bpmn:message id="m" name="disclosure-filed" />
          <bpmn:message id="r" name="reply" />
          <bpmn:process id="intake" isExecutable="true">
            <bpmn:startEvent id="filed"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="filed" targetRef="screen" />
            <bpmn:userTask id="screen" camunda:assignee="${officer}" />
            <bpmn:sequenceFlow id="f2" sourceRef="screen" targetRef="waitReply" />
            <bpmn:intermediateCatchEvent id="waitReply"><bpmn:messageEventDefinition messageRef="r" /></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f3" sourceRef="waitReply" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        """);

    [Fact]
    public async Task Process_with_only_a_message_start_event_is_started_by_its_message()
    {
        var (exit, output, error) = await Run("complete 1\nmessage reply INV-1\nquit\n",
            "run", Temp(MessageStarted), "--var", "officer=alice", "--business-key", "INV-1");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains("started intake by the message 'disclosure-filed'", output);
        Assert.Contains("task 1: screen '' for alice", output);
        Assert.Contains("waits at waitReply for the message 'reply' (key INV-1): message reply INV-1", output);
        Assert.Contains("reached 1 instance(s)", output);
        Assert.Contains("instance 1 intake: completed", output);
    }

    private static readonly string SignalStarted = Definitions("""
          <bpmn:signal id="opened" name="call-opened" />
          <bpmn:signal id="closed" name="call-closed" />
          <bpmn:process id="proposals" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:signalEventDefinition signalRef="opened" /></bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="draft" />
            <bpmn:userTask id="draft" camunda:assignee="${contact}" />
            <bpmn:sequenceFlow id="f2" sourceRef="draft" targetRef="waitClose" />
            <bpmn:intermediateCatchEvent id="waitClose"><bpmn:signalEventDefinition signalRef="closed" /></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f3" sourceRef="waitClose" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        """);

    [Fact]
    public async Task Process_with_only_a_signal_start_event_is_started_by_its_signal_and_signals_are_sent_by_name()
    {
        var (exit, output, error) = await Run("complete 1\nsignal call-closed outcome=funded\nvars 1\nquit\n",
            "run", Temp(SignalStarted), "--var", "contact=zhao");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains("started proposals by the signal 'call-opened'", output);
        Assert.Contains("task 1: draft '' for zhao", output);
        Assert.Contains("waits at waitClose for the signal 'call-closed': signal call-closed", output);
        Assert.Contains("reached 1 instance(s)", output);
        Assert.Contains("\"outcome\": \"funded\"", output);
        Assert.Contains("instance 1 proposals: completed", output);
    }

    [Fact]
    public async Task Signal_nobody_starts_on_is_one_line_and_exit_1()
    {
        var (exit, _, error) = await Run("", "run", Temp(SignalStarted), "--signal", "call-cancelled");

        Assert.Equal(1, exit);
        Assert.Equal("wf: the signal 'call-cancelled' starts no process in the file", error.Trim());
    }

    [Fact]
    public async Task Process_with_a_timer_start_event_starts_when_the_clock_reaches_it()
    {
        var model = Definitions("""
              <bpmn:process id="digest" isExecutable="true">
                <bpmn:startEvent id="daily"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
                <bpmn:sequenceFlow id="f1" sourceRef="daily" targetRef="read" />
                <bpmn:userTask id="read" camunda:assignee="office" />
                <bpmn:sequenceFlow id="f2" sourceRef="read" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            """);

        var (exit, output, _) = await Run("", "run", Temp(model), "--auto");

        Assert.Equal(0, exit);
        Assert.Contains("started digest by its timer start event at", output);
        Assert.Contains("> complete read", output);
        Assert.Contains("instance 1 digest: completed", output);
    }

    private static readonly string Calling = Definitions("""
          <bpmn:message id="m" name="offer" />
          <bpmn:process id="main" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="callPricing" />
            <bpmn:callActivity id="callPricing" calledElement="pricing">
              <bpmn:extensionElements><camunda:out source="price" target="finalPrice" /></bpmn:extensionElements>
            </bpmn:callActivity>
            <bpmn:sequenceFlow id="f2" sourceRef="callPricing" targetRef="sign" />
            <bpmn:userTask id="sign" camunda:assignee="head" />
            <bpmn:sequenceFlow id="f3" sourceRef="sign" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
          <bpmn:process id="pricing" isExecutable="true">
            <bpmn:startEvent id="pStart" />
            <bpmn:sequenceFlow id="p1" sourceRef="pStart" targetRef="waitOffer" />
            <bpmn:intermediateCatchEvent id="waitOffer"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="p2" sourceRef="waitOffer" targetRef="value" />
            <bpmn:userTask id="value" camunda:assignee="manager" />
            <bpmn:sequenceFlow id="p3" sourceRef="value" targetRef="pEnd" />
            <bpmn:endEvent id="pEnd" />
          </bpmn:process>
        """);

    [Fact]
    public async Task Called_instances_are_listed_and_their_tasks_and_messages_are_driven()
    {
        var (exit, output, error) = await Run("message offer\ncomplete 1 price=1200\nvars 1\ncomplete 1\nquit\n", "run", Temp(Calling));

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains("instance 2 pricing, called by instance 1: running", output);
        Assert.Contains("waits at waitOffer for the message 'offer': message offer", output);
        Assert.Contains("task 1: value '' for manager", output);
        Assert.Contains("instance 2 pricing, called by instance 1: completed", output);
        Assert.Contains("\"finalPrice\": 1200", output);
        Assert.Contains("instance 1 main: completed", output);
    }

    [Fact]
    public async Task Process_that_calls_itself_ends_in_an_incident_without_a_stack_trace()
    {
        var model = Definitions("""
              <bpmn:process id="again" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="self" />
                <bpmn:callActivity id="self" calledElement="again" />
                <bpmn:sequenceFlow id="f2" sourceRef="self" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            """);

        var (exit, output, error) = await Run("", "run", Temp(model), "--auto");

        Assert.Equal(1, exit);
        Assert.Contains("incident at self:", output);
        Assert.Contains("MaxCallDepth", output);
        Assert.DoesNotContain("   at ", output + error);
    }

    [Fact]
    public async Task Engine_error_is_one_line_and_exit_1()
    {
        // A loop with no wait state: the engine stops the step and refuses the start.
        var model = Definitions("""
              <bpmn:process id="spin" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="a" />
                <bpmn:task id="a" />
                <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="b" />
                <bpmn:task id="b" />
                <bpmn:sequenceFlow id="f3" sourceRef="b" targetRef="a" />
              </bpmn:process>
            """);

        var (exit, output, error) = await Run("", "run", Temp(model), "--auto");

        Assert.Equal(1, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("wf: ", line);
        Assert.Contains("without waiting", line);
        Assert.DoesNotContain("   at ", output + error);
    }

    [Fact]
    public async Task Refused_command_in_a_session_is_one_line_and_the_session_goes_on()
    {
        var (exit, output, _) = await Run("complete 7\nvars 9\nmessage offer\nquit\n", "run", Temp(Calling));

        Assert.Equal(0, exit);
        Assert.Contains("complete N [NAME=VALUE...], with N from 1 to 0", output);
        Assert.Contains("vars [N], with N from 1 to 2", output);
        Assert.Contains("reached 1 instance(s)", output);
        Assert.DoesNotContain("   at ", output);
    }
}

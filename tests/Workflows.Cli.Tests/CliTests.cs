namespace Workflows.Cli.Tests;

public sealed class CliTests
{
    private static string Temp(string name, string content)
    {
        var dir = Path.Combine(Path.GetTempPath(), "wf-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
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

    private const string Valid = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <bpmn:process id="p" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
            <bpmn:userTask id="review" camunda:assignee="alice" />
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="wait" />
            <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f3" sourceRef="wait" targetRef="call" />
            <bpmn:serviceTask id="call" wf:handler="notify-office" xmlns:wf="http://workflowhost.org/schema/bpmn/1.0" />
            <bpmn:sequenceFlow id="f4" sourceRef="call" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task Valid_file_exits_0()
    {
        var (exit, output, _) = await Run("", "validate", Temp("ok.bpmn", Valid));
        Assert.Equal(0, exit);
        Assert.Contains("1 file(s) checked: 0 error(s)", output);
    }

    [Fact]
    public async Task Each_problem_is_one_line_in_msbuild_format_and_the_exit_is_1()
    {
        var file = Temp("bad.bpmn", Valid.Replace("targetRef=\"review\"", "targetRef=\"nowhere\""));
        var (exit, output, _) = await Run("", "validate", file);
        Assert.Equal(1, exit);
        Assert.Contains($"{file}(5,6): error BPMN006: sequenceFlow 'f1' has the target 'nowhere', which does not exist (a dangling flow).", output);
        Assert.Contains($"{file}(6,6): error BPMN011: userTask 'review' cannot be reached from a start event.", output);
    }

    [Fact]
    public async Task Unknown_handler_is_an_error_when_handlers_are_named()
    {
        var (exit, output, _) = await Run("", "validate", Temp("h.bpmn", Valid), "--handlers", "send-email");
        Assert.Equal(1, exit);
        Assert.Contains("error BPMN020: serviceTask 'call' uses the handler 'notify-office', which is not registered", output);
    }

    [Fact]
    public async Task Malformed_xml_and_missing_files_are_reported_without_a_stack_trace()
    {
        var (exit, output, _) = await Run("", "validate", Temp("x.bpmn", "<bpmn:definitions"), "/no/such/file.bpmn");
        Assert.Equal(1, exit);
        Assert.Contains("error BPMN001: The file is not well-formed XML", output);
        Assert.Contains("/no/such/file.bpmn(1,1): error BPMN000: cannot read the file", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Theory]
    [InlineData("")]
    [InlineData("validate")]
    [InlineData("frobnicate")]
    [InlineData("validate --bogus x")]
    public async Task Usage_errors_exit_2(string commandLine)
    {
        var (exit, _, _) = await Run("", commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(2, exit);
    }

    [Fact]
    public async Task Run_auto_drives_the_process_to_its_end()
    {
        var (exit, output, _) = await Run("", "run", Temp("ok.bpmn", Valid), "--auto");
        Assert.Equal(0, exit);
        Assert.Contains("> complete review", output);
        Assert.Contains("> advance to", output);
        Assert.Contains("called handler 'notify-office' (simulated)", output);
        Assert.Contains("instance 1 p: completed", output);
        Assert.Contains("every instance has ended", output);
    }

    [Fact]
    public async Task Run_reads_commands_from_input()
    {
        var (exit, output, _) = await Run("complete 1 approved=true\nadvance P1D\nvars\nquit\n", "run", Temp("ok.bpmn", Valid), "--var", "title=电池");
        Assert.Equal(0, exit);
        Assert.Contains("1 timer(s) fired", output);
        Assert.Contains("\"approved\": true", output);
        Assert.Contains("电池", output);
        Assert.Contains("instance 1 p: completed", output);
    }
}

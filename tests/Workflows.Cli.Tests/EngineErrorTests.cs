namespace Workflows.Cli.Tests;

/// <summary>An error the engine raises reaches the user as one line on standard error and exit code 1, never a stack trace.</summary>
public sealed class EngineErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wf-engine-error-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Starting_a_process_the_file_does_not_hold_is_one_line_and_exit_1()
    {
        var file = Path.Combine(_dir, "model.bpmn");
        await File.WriteAllTextAsync(file, """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <bpmn:process id="p" isExecutable="true">
                <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"/><bpmn:endEvent id="e"/>
              </bpmn:process>
            </bpmn:definitions>
            """);
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(["run", file, "--process", "no-such-process", "--auto"], new StringReader(""), output, error);

        Assert.Equal(1, exit);
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("wf: error: ", line);
        Assert.Contains("no-such-process", line);
    }
}

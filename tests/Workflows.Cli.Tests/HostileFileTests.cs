using System.Diagnostics;

namespace Workflows.Cli.Tests;

/// <summary><c>wf validate</c> on files that are not models at all: it answers at once with one diagnostic line each,
/// reading nothing it does not need (a FIFO would block a reader forever; a gigabyte file would fill memory).</summary>
public sealed class HostileFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wf-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Exit, string Out, string Err)> Validate(string path)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(["validate", path], new StringReader(""), output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_fifo_is_refused_without_waiting_for_a_writer()
    {
        if (OperatingSystem.IsWindows()) return; // FIFOs made by mkfifo are a Unix thing
        var fifo = Path.Combine(_dir, "model.bpmn");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false })!)
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }
        // No writer ever opens the FIFO: a blocking open would never return, and the test would hang rather than fail.
        var (exit, output, _) = await Validate(fifo);
        Assert.Equal(1, exit);
        Assert.Contains("error BPMN000: cannot read the file: it is not a regular file", output);
    }

    [Fact]
    public async Task A_file_over_a_gigabyte_is_refused_from_its_length()
    {
        var huge = Path.Combine(_dir, "huge.bpmn");
        using (var file = File.Create(huge)) file.SetLength(1_200L * 1024 * 1024); // sparse: nothing is written
        var (exit, output, _) = await Validate(huge);
        Assert.Equal(1, exit);
        Assert.Contains("1200 MB, larger than the 5 MB a model may have", output);
    }

    [Fact]
    public async Task A_directory_or_a_missing_file_is_one_line_each()
    {
        var (exit, output, _) = await Validate(_dir);
        Assert.Equal(1, exit);
        Assert.Contains("it is a directory", output);
        (exit, output, _) = await Validate(Path.Combine(_dir, "nothing.bpmn"));
        Assert.Equal(1, exit);
        Assert.Contains("no such file", output);
    }

    [Fact]
    public async Task Run_refuses_an_oversized_file_in_one_line_without_a_stack_trace()
    {
        var huge = Path.Combine(_dir, "huge.bpmn");
        using (var file = File.Create(huge)) file.SetLength(64L * 1024 * 1024);
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(["run", huge], new StringReader(""), output, error);
        Assert.Equal(1, exit);
        Assert.Contains("larger than the 5 MB", error.ToString());
        Assert.DoesNotContain("   at ", error.ToString() + output);
    }
}

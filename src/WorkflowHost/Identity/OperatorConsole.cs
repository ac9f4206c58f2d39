namespace WorkflowHost.Identity;

/// <summary>
/// The host's console, for what only the operator who started it may see and no log collector may keep: the first
/// administrator's generated password. Tests give the host a writer of their own.
/// </summary>
public sealed class OperatorConsole(TextWriter output)
{
    public void WriteLine(string line)
    {
        output.WriteLine(line);
        output.Flush();
    }
}

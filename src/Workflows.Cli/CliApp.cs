using Workflows.Cli.Commands;

namespace Workflows.Cli;

/// <summary>The `wf` command line: a dispatcher over one class per command, testable with any readers and writers.</summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Invalid = 1;
    public const int Usage = 2;

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await output.WriteLineAsync(UsageText);
            return args.Length == 0 ? Usage : Ok;
        }
        try
        {
            return args[0] switch
            {
                "validate" => await ValidateCommand.RunAsync(args[1..], output, error),
                "run" => await RunCommand.RunAsync(args[1..], input, output, error),
                "evidence" => await EvidenceVerifyCommand.RunAsync(args[1..], output, error),
                _ => await Fail(error, $"unknown command '{args[0]}'"),
            };
        }
        catch (UsageException e)
        {
            return await Fail(error, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An engine error (a refused start, a loop without a wait state) is one line, never a stack trace.
            await error.WriteLineAsync($"wf: {Commands.RunSession.OneLine(e)}");
            return Invalid;
        }
    }

    private static async Task<int> Fail(TextWriter error, string message)
    {
        await error.WriteLineAsync($"wf: {message}");
        await error.WriteLineAsync(UsageText);
        return Usage;
    }

    public const string UsageText = """
        usage:
          wf validate FILE... [--handlers NAME,NAME...]
              Check BPMN files exactly as publishing does. Prints FILE(LINE,COL): error CODE: message.
              Exit 0 when all are valid, 1 when any has an error, 2 on a usage error.
          wf run FILE [--process ID] [--message NAME] [--signal NAME] [--var NAME=VALUE]... [--business-key KEY] [--auto]
              Drive a process in memory, with the instances it calls. It starts by its none start event, else by
              a message start event (--message names one), a signal start event (--signal names one), else by its
              first timer start event.
              Commands are read from standard input (type 'help'). Exit 1 on an engine error (one line).
          wf evidence verify PACK.zip --key PUBLIC.pem
              Check an exported evidence pack offline with the record seal's public key (PEM, or the JSON of
              GET /api/v1/record-seal): the manifest's hashes, each entry's hash and signature, the chain against its
              signed checkpoint, each attachment against its recorded hash, and the seal over the export.
              Exit 0 when intact, 1 naming the first problem (file, entry, what is wrong).
        """;
}

/// <summary>A mistake in the command line itself (exit code 2).</summary>
public sealed class UsageException(string message) : Exception(message);

using Workflows.Engine.Parsing;

namespace Workflows.Cli.Commands;

/// <summary><c>wf validate FILE...</c>: the publish-time checks, one line per problem, never a stack trace.</summary>
public static class ValidateCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var files = new List<string>();
        IReadOnlySet<string>? handlers = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--handlers")
            {
                if (i + 1 >= args.Length) throw new UsageException("--handlers needs a comma-separated list of names");
                handlers = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal)) throw new UsageException($"unknown option '{args[i]}'");
            else files.Add(args[i]);
        }
        if (files.Count == 0) throw new UsageException("validate needs at least one FILE");

        var errors = 0;
        var warnings = 0;
        var options = new BpmnParseOptions { KnownHandlers = handlers };
        foreach (var file in files)
        {
            var (result, problem) = await BpmnFile.ParseAsync(file, options);
            if (result is null)
            {
                await output.WriteLineAsync($"{file}(1,1): error BPMN000: cannot read the file: {problem}");
                errors++;
                continue;
            }
            foreach (var d in result.Diagnostics.OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column))
            {
                await output.WriteLineAsync(d.Format(file));
                if (d.Severity == DiagnosticSeverity.Error) errors++;
                else warnings++;
            }
        }
        await output.WriteLineAsync($"{files.Count} file(s) checked: {errors} error(s), {warnings} warning(s).");
        return errors > 0 ? CliApp.Invalid : CliApp.Ok;
    }
}

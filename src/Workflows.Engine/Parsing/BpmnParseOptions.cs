namespace Workflows.Engine.Parsing;

/// <summary>What publishing checks beyond the file itself. Null sets are not checked (a file validated alone).</summary>
public sealed class BpmnParseOptions
{
    /// <summary>Names of the registered service-task handlers.</summary>
    public IReadOnlySet<string>? KnownHandlers { get; init; }
    /// <summary>Names of the email templates send tasks may use.</summary>
    public IReadOnlySet<string>? KnownTemplates { get; init; }
    /// <summary>Files larger than this are refused before parsing.</summary>
    public int MaxBytes { get; init; } = 5 * 1024 * 1024;
}

using Workflows.Engine.Expressions;

namespace Workflows.Engine.Parsing;

/// <summary>
/// What publishing checks beyond the file itself, and the limits that keep publishing bounded in time and memory whatever
/// the file holds (defaults documented in doc/bpmn-subset.md). Null sets are not checked (a file validated alone).
/// </summary>
public sealed record BpmnParseOptions
{
    /// <summary>Names of the registered service-task handlers.</summary>
    public IReadOnlySet<string>? KnownHandlers { get; init; }
    /// <summary>Names of the email templates send tasks may use.</summary>
    public IReadOnlySet<string>? KnownTemplates { get; init; }
    /// <summary>Files larger than this (in bytes, UTF-8) are refused before parsing; a stream is read no further than this.</summary>
    public int MaxBytes { get; init; } = 5 * 1024 * 1024;
    /// <summary>The deepest XML element nesting read (the file's root is depth 1).</summary>
    public int MaxXmlDepth { get; init; } = 64;
    /// <summary>The most XML elements a file may hold (diagram elements included).</summary>
    public int MaxElements { get; init; } = 50_000;
    /// <summary>The most sub-processes nested inside one another.</summary>
    public int MaxSubProcessDepth { get; init; } = 16;
    /// <summary>The longest expression text (a condition, a mapping, an attribute value).</summary>
    public int MaxExpressionLength { get; init; } = ExpressionParser.MaxLength;
}

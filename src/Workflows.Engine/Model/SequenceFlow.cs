using Workflows.Engine.Expressions;

namespace Workflows.Engine.Model;

public sealed class SequenceFlow
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    /// <summary>The name in other languages (<c>wf:name-zh-CN</c>); see <see cref="LocalizedNames"/>.</summary>
    public LocalizedNames LocalizedNames { get; init; } = LocalizedNames.None;
    public required string SourceRef { get; init; }
    public required string TargetRef { get; init; }
    /// <summary>The condition as written (with any <c>${...}</c> wrapper), or null.</summary>
    public string? ConditionText { get; init; }
    /// <summary>The parsed condition; set by the parser, null when there is none.</summary>
    public CompiledExpression? Condition { get; set; }
    public SourceLocation Location { get; init; }

    public FlowNode Source { get; internal set; } = null!;
    public FlowNode Target { get; internal set; } = null!;
}

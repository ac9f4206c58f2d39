namespace Workflows.Engine.Expressions;

/// <summary>What an evaluation may depend on besides variables: the clock (for now(), today()).</summary>
public sealed class EvaluationContext
{
    public static readonly EvaluationContext Default = new();
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    /// <summary>The step budget that bounds one evaluation (loops over long lists count per item).</summary>
    public int MaxSteps { get; init; } = 100_000;
    /// <summary>The longest text an expression may produce (<c>${s + s}</c> in a loop stops here with an evaluation error).</summary>
    public int MaxTextLength { get; init; } = 1_000_000;
    /// <summary>The most items a list produced by an expression may hold.</summary>
    public int MaxListLength { get; init; } = 100_000;
}

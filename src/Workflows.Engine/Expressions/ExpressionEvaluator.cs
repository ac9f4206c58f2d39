namespace Workflows.Engine.Expressions;

/// <summary>One evaluation: the context (clock, budget) and the steps used so far.</summary>
internal sealed class ExpressionEvaluator(EvaluationContext context)
{
    private int _steps;
    public EvaluationContext Context { get; } = context;

    /// <summary>Counts work against the budget, so no expression can run for long (a filter over a huge list, nested).</summary>
    public void Step(int count = 1)
    {
        _steps += count;
        if (_steps > Context.MaxSteps)
            throw new ExpressionEvaluationException($"the expression needed more than {Context.MaxSteps} steps");
    }

    public static object? Evaluate(CompiledExpression expression, IVariableScope scope, EvaluationContext context) =>
        expression.Root.Evaluate(new ExpressionEvaluator(context), scope);
}

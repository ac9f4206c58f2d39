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

    /// <summary>Refuses a value larger than the context allows, so no expression can build an unbounded text or list.</summary>
    public object? Limit(object? value)
    {
        switch (value)
        {
            case string s when s.Length > Context.MaxTextLength:
                throw new ExpressionEvaluationException($"the expression produced a text of {s.Length} characters; at most {Context.MaxTextLength} are allowed");
            case IReadOnlyList<object?> l when l.Count > Context.MaxListLength:
                throw new ExpressionEvaluationException($"the expression produced a list of {l.Count} items; at most {Context.MaxListLength} are allowed");
        }
        return value;
    }

    public static object? Evaluate(CompiledExpression expression, IVariableScope scope, EvaluationContext context) =>
        expression.Root.Evaluate(new ExpressionEvaluator(context), scope);
}

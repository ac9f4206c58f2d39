namespace Workflows.Engine.Expressions;

/// <summary>
/// An expression parsed once (at publish time) and evaluated many times. Text is kept as written,
/// including a Camunda-style <c>${...}</c> wrapper. Evaluation is sandboxed: it reads variables through
/// <see cref="IVariableScope"/>, calls only the built-in functions, and stops after a bounded number of steps.
/// </summary>
public sealed class CompiledExpression
{
    internal CompiledExpression(string text, ExpressionNode root)
    {
        Text = text;
        Root = root;
    }

    public string Text { get; }
    internal ExpressionNode Root { get; }

    /// <summary>Whether this is a composite of text and <c>${...}</c> parts (its value is always text).</summary>
    public bool IsComposite => Root is TemplateNode;

    /// <summary>Evaluates to an expression value: null, bool, decimal, string, DateTimeOffset, DateOnly, TimeSpan,
    /// IReadOnlyList&lt;object?&gt; or IReadOnlyDictionary&lt;string, object?&gt;.</summary>
    /// <exception cref="ExpressionEvaluationException">on a type error, a missing function, or the step budget running out.</exception>
    public object? Evaluate(IVariableScope scope, EvaluationContext? context = null) =>
        ExpressionEvaluator.Evaluate(this, scope, context ?? EvaluationContext.Default);

    /// <summary>Evaluates a condition: true only when the result is boolean true; null (unknown name) is false.</summary>
    public bool EvaluateCondition(IVariableScope scope, EvaluationContext? context = null) =>
        Evaluate(scope, context) is true;

    public override string ToString() => Text;
}

namespace Workflows.Engine.Expressions;

/// <summary>A built-in function: its arity and its body. Arity is checked when the expression is parsed.</summary>
internal sealed record BuiltInFunction(int MinArgs, int MaxArgs, Func<ExpressionEvaluator, object?[], object?> Body)
{
    public object? Invoke(ExpressionEvaluator e, string name, object?[] args)
    {
        try
        {
            return Body(e, args);
        }
        catch (ExpressionEvaluationException)
        {
            throw;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidCastException or OverflowException or FormatException)
        {
            throw new ExpressionEvaluationException($"{name}(): {ex.Message}");
        }
    }
}

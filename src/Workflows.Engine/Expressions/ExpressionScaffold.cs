namespace Workflows.Engine.Expressions;

// TEMPORARY scaffold so the rest of the engine compiles while the expression language is written.
// The expressions work replaces this whole file (ExpressionNode, ExpressionParser, ExpressionEvaluator,
// ExpressionValues and the two exception types get real implementations in their own files).

internal abstract class ExpressionNode;

public static class ExpressionParser
{
    /// <summary>Parses an expression (optionally wrapped in ${...} or #{...}).</summary>
    /// <exception cref="ExpressionSyntaxException">with the position of the problem.</exception>
    public static CompiledExpression Parse(string text) => throw new NotImplementedException();
}

internal static class ExpressionEvaluator
{
    public static object? Evaluate(CompiledExpression expression, IVariableScope scope, EvaluationContext context) =>
        throw new NotImplementedException();
}

public static class ExpressionValues
{
    /// <summary>JSON -> expression value.</summary>
    public static object? FromJson(System.Text.Json.Nodes.JsonNode? node) => throw new NotImplementedException();
    /// <summary>Expression value -> JSON.</summary>
    public static System.Text.Json.Nodes.JsonNode? ToJson(object? value) => throw new NotImplementedException();
}

public sealed class ExpressionSyntaxException(string message, int position) : Exception(message)
{
    /// <summary>0-based offset into the expression text.</summary>
    public int Position { get; } = position;
}

public sealed class ExpressionEvaluationException(string message) : Exception(message);

public readonly record struct IsoDuration(int Years, int Months, int Days, TimeSpan Time)
{
    public DateTimeOffset AddTo(DateTimeOffset at) => throw new NotImplementedException();
    public DateTimeOffset SubtractFrom(DateTimeOffset at) => throw new NotImplementedException();
}
public sealed record RepeatingInterval(int? Repetitions, DateTimeOffset? Start, IsoDuration Interval);
public static class Iso8601
{
    public static bool TryParseDuration(string text, out IsoDuration duration) => throw new NotImplementedException();
    public static bool TryParseDateTime(string text, out DateTimeOffset value) => throw new NotImplementedException();
    public static bool TryParseRepeatingInterval(string text, out RepeatingInterval? interval) => throw new NotImplementedException();
}

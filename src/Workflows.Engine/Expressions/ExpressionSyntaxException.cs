namespace Workflows.Engine.Expressions;

/// <summary>An expression that cannot be parsed: a plain message and the 0-based offset of the problem.</summary>
public sealed class ExpressionSyntaxException(string message, int position) : Exception(message)
{
    public int Position { get; } = position;
}

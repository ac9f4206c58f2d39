namespace Workflows.Engine.Expressions;

/// <summary>An evaluation that cannot go on: a wrong argument to a function, or the step budget used up.</summary>
public sealed class ExpressionEvaluationException(string message) : Exception(message);

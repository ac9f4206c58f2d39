using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Execution;

/// <summary>An expression failed at run time (a type error, the step budget); becomes an incident at its node.</summary>
internal sealed class ExpressionFailedException(FlowNode node, string expression, string reason)
    : NodeFailedException(node, $"{node}: the expression '{expression}' failed: {reason}");

using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Execution;

/// <summary>Something an element needs at run time failed (an expression, a limit); becomes an incident at the node.</summary>
internal class NodeFailedException(FlowNode node, string message) : Exception(message)
{
    public FlowNode Node { get; } = node;
}

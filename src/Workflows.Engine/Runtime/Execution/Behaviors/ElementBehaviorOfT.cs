using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Execution.Behaviors;

/// <summary>A behavior of one node type, which reads its own node's properties through <see cref="Node"/>.</summary>
internal abstract class ElementBehavior<TNode>(Executor engine) : ElementBehavior(engine) where TNode : FlowNode
{
    /// <summary>The node the execution is at, as this behavior's type (the registry chose the behavior by that type).</summary>
    protected static TNode Node(NodeExecution x) => As(x.Node);

    /// <summary>A node the registry gave to this behavior (a migration's source or target), as this behavior's type.</summary>
    protected static TNode As(FlowNode node) => (TNode)node;
}

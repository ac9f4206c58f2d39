using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Execution.Behaviors;

/// <summary>An exclusive gateway passes each token on at once, along the first flow whose condition holds (else the default).</summary>
internal sealed class ExclusiveGatewayBehavior(Executor engine) : ElementBehavior<ExclusiveGateway>(engine)
{
    public override IReadOnlyList<SequenceFlow>? SelectOutgoing(NodeExecution x) => Engine.ConditionalFlows(x, firstOnly: true);
}

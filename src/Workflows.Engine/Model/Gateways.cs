namespace Workflows.Engine.Model;

public sealed class ExclusiveGateway : FlowNode { public override string ElementType => "exclusiveGateway"; }
public sealed class ParallelGateway : FlowNode { public override string ElementType => "parallelGateway"; }
public sealed class InclusiveGateway : FlowNode { public override string ElementType => "inclusiveGateway"; }
public sealed class EventBasedGateway : FlowNode { public override string ElementType => "eventBasedGateway"; }

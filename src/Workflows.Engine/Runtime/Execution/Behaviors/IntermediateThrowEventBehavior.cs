using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Execution.Behaviors;

/// <summary>An intermediate throw event without an event definition: a milestone its token passes.</summary>
internal sealed class IntermediateThrowEventBehavior(Executor engine) : ElementBehavior<IntermediateThrowEvent>(engine);

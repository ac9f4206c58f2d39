using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Execution.Behaviors;

/// <summary>A task with no behavior of its own (<c>task</c>, <c>manualTask</c>, Camunda's rule): its token passes through.</summary>
internal sealed class PassThroughTaskBehavior(Executor engine) : ActivityBehavior<PassThroughTask>(engine);

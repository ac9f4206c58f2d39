using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Execution.Behaviors;

/// <summary>A start event passes its token on; what starts an instance there (a call, a timer, a message) is the runtime's.</summary>
internal sealed class StartEventBehavior(Executor engine) : ElementBehavior<StartEvent>(engine);

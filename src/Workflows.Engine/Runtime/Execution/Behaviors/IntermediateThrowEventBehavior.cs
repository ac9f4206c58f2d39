using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Execution.Behaviors;

/// <summary>An intermediate throw event: without an event definition a milestone its token passes; with one (a signal)
/// it throws the event, then its token goes on unless what it threw interrupted it.</summary>
internal sealed class IntermediateThrowEventBehavior(Executor engine) : ElementBehavior<IntermediateThrowEvent>(engine)
{
    protected override async Task EnterAsync(NodeExecution x, CancellationToken ct)
    {
        if (Node(x).Definition is { } definition && !await Engine.Registry.For(definition).ThrowAsync(x, definition, ct)) return;
        Engine.Leave(x);
    }
}

using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution.Behaviors;

/// <summary>An end event ends its token's path; with an event definition it throws that event first (terminate, error).</summary>
internal sealed class EndEventBehavior(Executor engine) : ElementBehavior<EndEvent>(engine)
{
    protected override Task EnterAsync(NodeExecution x, CancellationToken ct)
    {
        x.History(HistoryEventType.ActivityLeft);
        if (Node(x).Definition is { } definition) return Engine.Registry.For(definition).EndAsync(x, definition, ct);
        Engine.ConsumeToken(x.Step, x.Instance, x.Token);
        return Task.CompletedTask;
    }
}

using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution.Subscriptions;

/// <summary>A subscription for one definition type, which reads its own definition's properties (the registry chose it by that type).</summary>
internal abstract class EventSubscription<TDefinition>(Executor engine) : EventSubscription(engine) where TDefinition : EventDefinition
{
    public sealed override void Open(NodeExecution x, EventDefinition definition, VariableView view, DateTimeOffset since) =>
        Open(x, (TDefinition)definition, view, since);

    public sealed override void Rearm(NodeExecution x, EventDefinition definition, Bookmark fired) => Rearm(x, (TDefinition)definition, fired);

    public sealed override Task<bool> ThrowAsync(NodeExecution x, EventDefinition definition, CancellationToken ct) =>
        ThrowAsync(x, (TDefinition)definition, ct);

    public sealed override Task EndAsync(NodeExecution x, EventDefinition definition, CancellationToken ct) => EndAsync(x, (TDefinition)definition, ct);

    protected abstract void Open(NodeExecution x, TDefinition definition, VariableView view, DateTimeOffset since);

    protected virtual void Rearm(NodeExecution x, TDefinition definition, Bookmark fired)
    {
    }

    protected virtual Task<bool> ThrowAsync(NodeExecution x, TDefinition definition, CancellationToken ct) => base.ThrowAsync(x, definition, ct);

    protected virtual Task EndAsync(NodeExecution x, TDefinition definition, CancellationToken ct) => base.EndAsync(x, definition, ct);
}

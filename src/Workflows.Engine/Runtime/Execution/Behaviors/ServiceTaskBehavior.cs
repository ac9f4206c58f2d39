using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution.Behaviors;

/// <summary>
/// A service task runs its registered handler inside the step. A failure is retried after a backoff (its token waits
/// on a retry bookmark) up to <c>wf:retries</c> attempts, then becomes an incident; a <see cref="BpmnErrorException"/>
/// is a business error thrown from the task.
/// </summary>
internal sealed class ServiceTaskBehavior(Executor engine) : ActivityBehavior<ServiceTask>(engine)
{
    protected override async Task EnterAsync(NodeExecution x, CancellationToken ct)
    {
        var (ctx, ic, token, node) = (x.Step, x.Instance, x.Token, Node(x));
        if (!Engine.Handlers.TryGetValue(node.HandlerName, out var handler))
        {
            Engine.RaiseIncident(x, $"No service-task handler named '{node.HandlerName}' is registered.", null);
            return;
        }
        if (token.Attempts == 0) OpenBoundaryEvents(x);

        var context = new ServiceTaskContext(ic.Id, ic.Instance.ProcessId, ic.Instance.BusinessKey, node.Id,
            Engine.View(ic, token).Snapshot(), node.Parameters, token.Attempts + 1,
            await ctx.Definitions.RefAsync(ic.Instance.DefinitionId, ic.Instance.ProcessId, ic.Instance.DefinitionVersion, ct));
        JsonObject? result;
        try
        {
            result = await handler.ExecuteAsync(context, ct);
        }
        catch (BpmnErrorException error)
        {
            token.Attempts = 0;
            x.History(HistoryEventType.ErrorThrown, Executor.Json(new { error.ErrorCode, error.Message }));
            if (Engine.Registry.Error.Throw(x, error.ErrorCode)) return;
            var uncaught = $"Business error '{error.ErrorCode}' from '{node.HandlerName}' was not caught by any boundary error event: {error.Message}";
            if (ic.Instance.ParentInstanceId is not null)
            {
                // Not caught in this process: the caller's call activity (and its callers) may catch it.
                token.Status = TokenStatus.Waiting;
                ctx.Deferred.UncaughtErrors.Add(new UncaughtError(ic, token, node, error.ErrorCode, uncaught));
            }
            else Engine.RaiseIncident(x, uncaught, null);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            token.Attempts++;
            x.History(HistoryEventType.ServiceTaskFailed, Executor.Json(new { attempt = token.Attempts, error = e.Message }));
            if (token.Attempts >= Math.Max(1, node.Retries))
            {
                Engine.RaiseIncident(x, $"'{node.HandlerName}' failed {token.Attempts} time(s): {e.Message}", e.ToString(), e as ServiceTaskFailedException);
                return;
            }
            var backoff = Engine.Options.ServiceRetryBackoff;
            var wait = backoff.Length == 0 ? TimeSpan.Zero : backoff[Math.Min(token.Attempts - 1, backoff.Length - 1)];
            Retry(x, ctx.Now + wait);
            token.Status = TokenStatus.Waiting;
            return;
        }

        token.Attempts = 0;
        if (result is not null)
            foreach (var (name, value) in result) Engine.SetVariable(ic, token, name, value?.DeepClone(), node);
        Engine.Leave(x);
    }

    /// <summary>The retry came due: the token runs the task again.</summary>
    public override void Fired(NodeExecution x, Bookmark bookmark) => x.Token.Status = TokenStatus.Ready;

    /// <summary>A pending retry keeps its due time at the target task.</summary>
    public override void Reopen(NodeExecution x, Reopening reopening)
    {
        base.Reopen(x, reopening);
        if (reopening.Owned.FirstOrDefault(b => b.Kind == BookmarkKind.Retry) is { DueAt: { } due }) Retry(x, due);
    }

    public override string WaitKind(FlowNode node) => "retry";

    private static void Retry(NodeExecution x, DateTimeOffset due) =>
        Executor.AddBookmark(x, new Bookmark
        {
            Id = Guid.NewGuid(), InstanceId = x.Instance.Id, TokenId = x.Token.Id, ElementId = x.Node.Id,
            Kind = BookmarkKind.Retry, DueAt = due, CreatedAt = x.Now,
        });
}

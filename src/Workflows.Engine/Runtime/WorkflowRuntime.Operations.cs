using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime.Execution;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime;

/// <summary>
/// What an administrator does to repair a running instance by hand, as in Camunda Cockpit: change its variables, retry a
/// failed activity (with new values in its scope), move a token from one activity to another. Each is one step, and each
/// writes an <see cref="InstanceOperatedEvent"/> to the outbox (who, what, from and to, the values before and after).
/// </summary>
public sealed partial class WorkflowRuntime
{
    public Task SetVariablesAsync(Guid instanceId, JsonObject variables, Actor actor, CancellationToken ct = default) =>
        StepAsync(actor.UserId, async ctx =>
        {
            if (!actor.IsAdministrator) throw new ForbiddenException("Only administrators may change an instance's variables.");
            SealedValues.RefuseFromOutside(variables);
            var ic = await ctx.LoadInstanceAsync(instanceId, ct);
            var changes = new List<VariableChange>();
            foreach (var (k, v) in variables)
            {
                _executor.CheckSize(k, v, null);
                changes.Add(Change(k, ic.State.Variables[k], v));
                ic.State.Variables[k] = v?.DeepClone();
            }
            ctx.History(ic, HistoryEventType.VariablesChanged, data: variables.ToJsonString(EngineJson.Options));
            await OperatedAsync(ctx, ic, InstanceOperationKinds.VariablesChanged, null, null, null, changes, null, ct);
            return true;
        }, ct);

    public Task RetryIncidentAsync(Guid incidentId, Actor actor, CancellationToken ct = default) =>
        RetryIncidentAsync(incidentId, actor, null, null, ct);

    public Task RetryIncidentAsync(Guid incidentId, Actor actor, JsonObject? variables, string? reason, CancellationToken ct = default) =>
        StepAsync(actor.UserId, async ctx =>
        {
            if (!actor.IsAdministrator) throw new ForbiddenException("Only administrators may retry an incident.");
            SealedValues.RefuseFromOutside(variables);
            var incident = await _store.GetIncidentAsync(incidentId, ct) ?? throw new NotFoundException("Incident", incidentId);
            if (!incident.IsOpen) throw new ConcurrencyConflictException($"Incident {incidentId} was already resolved.");
            var ic = await ctx.LoadInstanceAsync(incident.InstanceId, ct);
            var token = ic.FindToken(incident.TokenId);
            var changes = new List<VariableChange>();
            foreach (var (k, v) in variables ?? new JsonObject())
            {
                if (token is null)
                {
                    _executor.CheckSize(k, v, null);
                    changes.Add(Change(k, ic.State.Variables[k], v));
                    ic.State.Variables[k] = v?.DeepClone();
                    continue;
                }
                changes.Add(Change(k, _executor.View(ic, token).Stored(k), v));
                _executor.SetVariable(ic, token, k, v?.DeepClone());
            }
            if (changes.Count > 0) ctx.History(ic, HistoryEventType.VariablesChanged, incident.ElementId, null, incident.TokenId,
                variables!.ToJsonString(EngineJson.Options));
            incident.ResolvedAt = ctx.Now;
            incident.ResolvedBy = actor.UserId;
            ctx.Changes.UpdatedIncidents.Add(incident);
            ic.Instance.OpenIncidents = Math.Max(0, ic.Instance.OpenIncidents - 1);
            ctx.History(ic, HistoryEventType.IncidentResolved, incident.ElementId, null, incident.TokenId,
                HistoryData.Start().Add("incidentId", incidentId).Add("retried", true).Add("reason", reason).ToJson());
            await OperatedAsync(ctx, ic, InstanceOperationKinds.IncidentRetried, incident.ElementId, null, incidentId, changes, reason, ct);
            if (token is not null && token.IncidentId == incidentId)
            {
                token.IncidentId = null;
                token.Attempts = 0;
                token.Status = TokenStatus.Ready;
                await _executor.RunAsync(ctx, ct);
            }
            return true;
        }, ct);

    public async Task<JsonObject> GetIncidentScopeVariablesAsync(Guid incidentId, CancellationToken ct = default)
    {
        var incident = await _store.GetIncidentAsync(incidentId, ct) ?? throw new NotFoundException("Incident", incidentId);
        var instance = await _store.GetInstanceAsync(incident.InstanceId, ct) ?? throw new NotFoundException("Instance", incident.InstanceId);
        var token = instance.State.Tokens.FirstOrDefault(t => t.Id == incident.TokenId);
        return new VariableView(instance.State, token?.ScopeId, token?.Locals).Snapshot();
    }

    public Task MoveTokenAsync(TokenMoveRequest request, Actor actor, CancellationToken ct = default) =>
        StepAsync(actor.UserId, async ctx =>
        {
            if (!actor.IsAdministrator) throw new ForbiddenException("Only administrators may move a token.");
            var ic = await ctx.LoadInstanceAsync(request.InstanceId, ct);
            if (ic.Ended) throw new TokenMoveRefusedException(TokenMoveRefusals.InstanceEnded, $"Instance {request.InstanceId} has ended ({ic.Instance.Status}): nothing can move.");
            var token = TokenToMove(ic, request);
            var from = ic.Process.GetNode(token.NodeId);
            var to = ic.Process.NodesById.GetValueOrDefault(request.ToElementId)
                     ?? throw new TokenMoveRefusedException(TokenMoveRefusals.UnknownTarget, $"'{request.ToElementId}' is not an element of {ic.Instance.DefinitionId}.");
            if (to is BoundaryEvent)
                throw new TokenMoveRefusedException(TokenMoveRefusals.AttachedTarget, $"{to} is attached to an activity and fires from it: move the token to an activity, gateway or event of the flow.");
            var scope = ic.FindScope(token.ScopeId);
            if (scope is { Kind: not ScopeKind.SubProcess })
                throw new TokenMoveRefusedException(TokenMoveRefusals.MultiInstanceItem,
                    $"The token at {from} runs one item of the multi-instance '{scope.NodeId}': it cannot leave it. Move the token of '{scope.NodeId}' itself.");
            var container = scope?.NodeId;
            if (to.Parent?.Id != container)
                throw new TokenMoveRefusedException(TokenMoveRefusals.OtherScope,
                    $"{to} is not in the same scope as {from} ({(container is null ? "the process itself" : $"the sub-process '{container}'")}): a token moves within its scope.");

            _executor.CancelToken(ctx, ic, token, InterruptReason.Cancel);
            var moved = ic.NewToken(to.Id, token.ScopeId);
            ctx.History(ic, HistoryEventType.TokenMoved, to.Id, to.ElementType, moved.Id, HistoryData.Start()
                .Add("from", from.Id).Add("to", to.Id).Add("tokenId", token.Id).Add("reason", request.Reason).ToJson());
            await OperatedAsync(ctx, ic, InstanceOperationKinds.TokenMoved, from.Id, to.Id, null, [], request.Reason, ct);
            await _executor.RunAsync(ctx, ct);
            return true;
        }, ct);

    /// <summary>The token a move names, or the one token at the named activity.</summary>
    private static Token TokenToMove(InstanceContext ic, TokenMoveRequest request)
    {
        if (request.TokenId is { } id)
        {
            var named = ic.FindToken(id) ?? throw new TokenMoveRefusedException(TokenMoveRefusals.NoToken, $"Instance {ic.Id} has no token '{id}'.");
            if (request.FromElementId is { } f && named.NodeId != f)
                throw new TokenMoveRefusedException(TokenMoveRefusals.NoToken, $"Token '{id}' is at '{named.NodeId}', not at '{f}'.");
            return named;
        }
        if (string.IsNullOrWhiteSpace(request.FromElementId))
            throw new TokenMoveRefusedException(TokenMoveRefusals.NoToken, "Name the activity the token is at, or the token.");
        // The items of a multi-instance activity sit at it too: the activity itself is the token that owns their body.
        var at = ic.State.Tokens.Where(t => t.NodeId == request.FromElementId &&
                                            !(ic.FindScope(t.ScopeId) is { Kind: ScopeKind.MultiInstanceItem } item && item.NodeId == t.NodeId)).ToList();
        if (at.Count == 1) return at[0];
        throw new TokenMoveRefusedException(at.Count == 0 ? TokenMoveRefusals.NoToken : TokenMoveRefusals.SeveralTokens, at.Count == 0
            ? $"No token of instance {ic.Id} is at '{request.FromElementId}'."
            : $"{at.Count} tokens of instance {ic.Id} are at '{request.FromElementId}' ({string.Join(", ", at.Select(t => t.Id))}): name the one to move.");
    }

    private static VariableChange Change(string name, JsonNode? before, JsonNode? after) =>
        new(name, SealedValues.IsSealed(before) ? JsonValue.Create("(sealed)") : before?.DeepClone(), after?.DeepClone());

    /// <summary>Writes the operation to the outbox, with the business key of the instance or of the one that called it.</summary>
    private async Task OperatedAsync(StepContext ctx, InstanceContext ic, string kind, string? elementId, string? toElementId, Guid? incidentId,
        IReadOnlyList<VariableChange> changes, string? reason, CancellationToken ct)
    {
        var businessKey = ic.Instance.BusinessKey;
        if (businessKey is null && ic.Instance.RootInstanceId is { } root) businessKey = (await _store.GetInstanceAsync(root, ct))?.BusinessKey;
        var operated = new InstanceOperatedEvent
        {
            Kind = kind, EventId = Guid.NewGuid(), InstanceId = ic.Id, ProcessId = ic.Instance.ProcessId, BusinessKey = businessKey,
            ElementId = elementId, ToElementId = toElementId, IncidentId = incidentId, Changes = changes, Reason = reason,
            Actor = ctx.Actor, At = ctx.Now,
        };
        ctx.Changes.Outbox.Add(new OutboxMessage
        {
            Id = operated.EventId, Kind = OutboxKinds.InstanceOperated, Payload = JsonSerializer.Serialize(operated, EngineJson.Options), CreatedAt = ctx.Now,
        });
    }
}

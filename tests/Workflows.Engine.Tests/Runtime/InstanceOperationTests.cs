using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>
/// An administrator repairs a running instance as in Camunda Cockpit: retries a failed activity with new values in the scope
/// it sees, or moves a token to another activity of its scope. Each operation is one step and leaves an
/// <see cref="InstanceOperatedEvent"/> in the outbox (who, what, from and to, the values before and after).
/// </summary>
public sealed class InstanceOperationTests : RuntimeTestBase
{
    private static readonly Actor Admin = new("wf-admin", ["workflow-admin"], IsAdministrator: true);

    private static RecordingHandler Charge() => new("charge", c =>
        c.Variables["price"] is null ? throw new InvalidOperationException("the variable 'price' is missing") : new JsonObject { ["charged"] = true });

    private static async Task<List<InstanceOperatedEvent>> OperationsAsync(RuntimeHarness h) =>
        (await h.Store.GetPendingOutboxAsync(DateTimeOffset.MaxValue, 10_000)).Where(m => m.Kind == OutboxKinds.InstanceOperated)
        .Select(m => JsonSerializer.Deserialize<InstanceOperatedEvent>(m.Payload, EngineJson.Options)!).ToList();

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Retry_with_new_values_sets_them_where_the_failed_activity_sees_them_and_records_before_and_after(string store)
    {
        var charge = Charge();
        var h = await HarnessAsync(store, charge, new RecordingHandler("publish"));
        var instance = await h.StartAsync("operations.bpmn", businessKey: "INV-2026-0001");
        await h.CompleteAsync(instance.Id, "review");
        var incident = Assert.Single(await h.Store.GetOpenIncidentsAsync(instance.Id));
        Assert.Equal("charge", incident.ElementId);

        var seen = await h.Runtime.GetIncidentScopeVariablesAsync(incident.Id);
        Assert.Equal("CNY", seen["currency"]!.GetValue<string>());
        Assert.Null(seen["price"]);

        await h.Runtime.RetryIncidentAsync(incident.Id, Admin, new JsonObject { ["price"] = 900000, ["currency"] = "USD" }, "price agreed by phone");

        var call = charge.Calls[^1];
        Assert.Equal("900000", call.Variables["price"]!.ToJsonString());
        Assert.Equal("USD", call.Variables["currency"]!.GetValue<string>());
        var after = await h.InstanceAsync(instance.Id);
        Assert.Equal(0, after.OpenIncidents);
        Assert.Equal("900000", after.State.Variables["price"]!.ToJsonString());
        Assert.False(after.State.Variables.ContainsKey("currency")); // it lived in the sub-process's scope, which has ended
        Assert.Single(await h.OpenTasksAsync(instance.Id)); // archive, after the called notice process
        Assert.NotNull((await h.Store.GetIncidentAsync(incident.Id))!.ResolvedAt);

        var operated = Assert.Single(await OperationsAsync(h));
        Assert.Equal(InstanceOperationKinds.IncidentRetried, operated.Kind);
        Assert.Equal("INV-2026-0001", operated.BusinessKey);
        Assert.Equal("charge", operated.ElementId);
        Assert.Equal(incident.Id, operated.IncidentId);
        Assert.Equal("wf-admin", operated.Actor);
        Assert.Equal("price agreed by phone", operated.Reason);
        var price = Assert.Single(operated.Changes, c => c.Name == "price");
        Assert.Null(price.Before);
        Assert.Equal("900000", price.After!.ToJsonString());
        var currency = Assert.Single(operated.Changes, c => c.Name == "currency");
        Assert.Equal("CNY", currency.Before!.GetValue<string>());
        Assert.Equal("USD", currency.After!.GetValue<string>());
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Retry_of_a_called_process_is_recorded_under_the_business_key_of_its_caller(string store)
    {
        var failing = true;
        var publish = new RecordingHandler("publish", _ => failing ? throw new InvalidOperationException("board offline") : null);
        var h = await HarnessAsync(store, new RecordingHandler("charge"), publish);
        var instance = await h.StartAsync("operations.bpmn", businessKey: "INV-2026-0002");
        await h.CompleteAsync(instance.Id, "review");
        var child = Assert.Single((await h.Store.QueryInstancesAsync(new InstanceQuery { ParentInstanceId = instance.Id, Take = 10 })));
        Assert.Null(child.BusinessKey);
        var incident = Assert.Single(await h.Store.GetOpenIncidentsAsync(child.Id));

        failing = false;
        await h.Runtime.RetryIncidentAsync(incident.Id, Admin);

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(child.Id)).Status);
        Assert.Equal("archive", Assert.Single(await h.OpenTasksAsync(instance.Id)).ElementId);
        var operated = Assert.Single(await OperationsAsync(h));
        Assert.Equal(child.Id, operated.InstanceId);
        Assert.Equal("INV-2026-0002", operated.BusinessKey);
        Assert.Empty(operated.Changes);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Moving_a_token_cancels_its_activity_and_starts_the_target_in_the_same_scope(string store)
    {
        var h = await HarnessAsync(store, Charge(), new RecordingHandler("publish"));
        var instance = await h.StartAsync("operations.bpmn", businessKey: "INV-2026-0003");
        var review = await h.TaskAsync(instance.Id, "review");

        await h.Runtime.MoveTokenAsync(new TokenMoveRequest
        {
            InstanceId = instance.Id, FromElementId = "review", ToElementId = "archive", Reason = "screened on paper",
        }, Admin);

        Assert.Equal(UserTaskStatus.Cancelled, (await h.Store.GetTaskAsync(review.Id))!.Status);
        Assert.Equal("archive", Assert.Single(await h.OpenTasksAsync(instance.Id)).ElementId);
        var moved = Assert.Single(await h.HistoryAsync(instance.Id), e => e.Event == HistoryEventType.TokenMoved);
        Assert.Equal("archive", moved.ElementId);
        Assert.Equal("wf-admin", moved.Actor);
        var operated = Assert.Single(await OperationsAsync(h));
        Assert.Equal(InstanceOperationKinds.TokenMoved, operated.Kind);
        Assert.Equal(("review", "archive"), (operated.ElementId, operated.ToElementId));
        Assert.Equal("screened on paper", operated.Reason);
        Assert.Equal("INV-2026-0003", operated.BusinessKey);

        await h.CompleteAsync(instance.Id, "archive");
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(instance.Id)).Status);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Moving_the_token_of_a_failed_activity_past_it_resolves_the_incident_and_the_process_goes_on(string store)
    {
        var h = await HarnessAsync(store, Charge(), new RecordingHandler("publish"));
        var instance = await h.StartAsync("operations.bpmn");
        await h.CompleteAsync(instance.Id, "review");
        var incident = Assert.Single(await h.Store.GetOpenIncidentsAsync(instance.Id));

        await h.Runtime.MoveTokenAsync(new TokenMoveRequest { InstanceId = instance.Id, FromElementId = "charge", ToElementId = "subEnd" }, Admin);

        Assert.Empty(await h.Store.GetOpenIncidentsAsync(instance.Id));
        Assert.NotNull((await h.Store.GetIncidentAsync(incident.Id))!.ResolvedAt);
        var after = await h.InstanceAsync(instance.Id);
        Assert.Equal(0, after.OpenIncidents);
        Assert.Equal("archive", Assert.Single(await h.OpenTasksAsync(instance.Id)).ElementId);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_token_moves_only_within_its_scope_and_only_by_an_administrator(string store)
    {
        var h = await HarnessAsync(store, Charge(), new RecordingHandler("publish"));
        var instance = await h.StartAsync("operations.bpmn");
        TokenMoveRequest Move(string to, string? from = "review") => new() { InstanceId = instance.Id, FromElementId = from, ToElementId = to };

        var inner = await Assert.ThrowsAsync<TokenMoveRefusedException>(() => h.Runtime.MoveTokenAsync(Move("charge"), Admin));
        Assert.Equal(TokenMoveRefusals.OtherScope, inner.Code);
        var unknown = await Assert.ThrowsAsync<TokenMoveRefusedException>(() => h.Runtime.MoveTokenAsync(Move("nowhere"), Admin));
        Assert.Equal(TokenMoveRefusals.UnknownTarget, unknown.Code);
        var absent = await Assert.ThrowsAsync<TokenMoveRefusedException>(() => h.Runtime.MoveTokenAsync(Move("end", from: "archive"), Admin));
        Assert.Equal(TokenMoveRefusals.NoToken, absent.Code);
        await Assert.ThrowsAsync<ForbiddenException>(() => h.Runtime.MoveTokenAsync(Move("archive"), Actor.User("clerk", "tech-manager")));

        Assert.Equal("review", Assert.Single(await h.OpenTasksAsync(instance.Id)).ElementId);
        Assert.Empty(await OperationsAsync(h));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_token_of_one_multi_instance_item_cannot_leave_its_item(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("committee-vote.bpmn", new { members = new[] { "ann", "bo", "cy" } });
        var item = (await h.InstanceAsync(instance.Id)).State.Tokens.First(t => t.TaskId is not null);

        var refused = await Assert.ThrowsAsync<TokenMoveRefusedException>(() =>
            h.Runtime.MoveTokenAsync(new TokenMoveRequest { InstanceId = instance.Id, TokenId = item.Id, ToElementId = "sign" }, Admin));
        Assert.Equal(TokenMoveRefusals.MultiInstanceItem, refused.Code);

        // The multi-instance activity as a whole moves: every item's task ends with it.
        await h.Runtime.MoveTokenAsync(new TokenMoveRequest { InstanceId = instance.Id, FromElementId = "vote", ToElementId = "sign" }, Admin);
        Assert.Equal("sign", Assert.Single(await h.OpenTasksAsync(instance.Id)).ElementId);
    }
}

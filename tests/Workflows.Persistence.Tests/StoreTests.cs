using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using Workflows.Persistence;
using Workflows.Testing;

namespace Workflows.Persistence.Tests;

public sealed class StoreTests
{
    public static TheoryData<DatabaseProvider> Providers => new(TestDatabase.Providers);

    private static ProcessInstance Instance(Guid id) => new()
    {
        Id = id, DefinitionId = "p:1", ProcessId = "p", DefinitionVersion = 1, BusinessKey = "发明-001",
        StartedAt = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero),
        State = new InstanceState
        {
            Variables = JsonNode.Parse("""{"title":"一种新型电池","price":12345.678,"inventors":[{"name":"王伟","share":0.6}],"due":"2026-12-16T09:00:00Z"}""")!.AsObject(),
            Tokens = [new Token { Id = "t1", NodeId = "review", Status = TokenStatus.Waiting }],
        },
    };

    [Theory, MemberData(nameof(Providers))]
    public async Task A_step_round_trips_every_record(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var store = db.CreateStore();
        var id = Guid.NewGuid();
        var changes = new StepChanges();
        changes.InsertedInstances.Add(Instance(id));
        var task = new UserTaskRecord
        {
            Id = Guid.NewGuid(), InstanceId = id, TokenId = "t1", ElementId = "review", ProcessId = "p", Name = "审查",
            CandidateGroups = ["Tech-Manager"], CandidateUsers = ["alice"], CreatedAt = DateTimeOffset.UtcNow,
            DueAt = new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero), LocalVariables = new JsonObject { ["member"] = "li" },
        };
        changes.InsertedTasks.Add(task);
        changes.InsertedBookmarks.Add(new Bookmark
        {
            Id = Guid.NewGuid(), InstanceId = id, TokenId = "t1", ElementId = "objection", Kind = BookmarkKind.Message,
            MessageName = "objection", CorrelationKey = "发明-001",
        });
        changes.History.Add(new HistoryEntry { InstanceId = id, Event = HistoryEventType.InstanceStarted, At = DateTimeOffset.UtcNow, Actor = "王伟" });
        changes.Outbox.Add(new OutboxMessage { Id = Guid.NewGuid(), Kind = OutboxKinds.Notification, Payload = "{}", CreatedAt = DateTimeOffset.UtcNow });
        await store.CommitAsync(changes);

        var loaded = (await store.GetInstanceAsync(id))!;
        Assert.Equal("一种新型电池", loaded.State.Variables["title"]!.GetValue<string>());
        Assert.Equal(12345.678m, loaded.State.Variables["price"]!.GetValue<decimal>());
        Assert.Equal("王伟", loaded.State.Variables["inventors"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(TokenStatus.Waiting, Assert.Single(loaded.State.Tokens).Status);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), loaded.StartedAt);

        var loadedTask = (await store.GetTaskAsync(task.Id))!;
        Assert.Equal(["tech-manager"], loadedTask.CandidateGroups);
        Assert.Equal(task.DueAt, loadedTask.DueAt);
        Assert.Equal("li", loadedTask.LocalVariables!["member"]!.GetValue<string>());
        Assert.Single(await store.FindMessageSubscriptionsAsync("objection", "发明-001"));
        Assert.Empty(await store.FindMessageSubscriptionsAsync("objection", "other"));
        Assert.Equal("王伟", Assert.Single(await store.GetHistoryAsync(id)).Actor);
        Assert.Single(await store.GetPendingOutboxAsync(DateTimeOffset.UtcNow.AddMinutes(1), 10));
        Assert.Single(await store.QueryInstancesAsync(new InstanceQuery { BusinessKey = "发明-001" }));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Concurrent_commits_on_one_version_let_exactly_one_through(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var store = db.CreateStore();
        for (var round = 0; round < 10; round++)
        {
            var id = Guid.NewGuid();
            var insert = new StepChanges();
            insert.InsertedInstances.Add(Instance(id));
            await store.CommitAsync(insert);

            var attempts = Enumerable.Range(0, 2).Select(async i =>
            {
                var instance = (await store.GetInstanceAsync(id))!;
                instance.State.Variables["winner"] = i;
                var step = new StepChanges();
                step.UpdatedInstances.Add(instance);
                step.ExpectedVersions[id] = 0;
                step.History.Add(new HistoryEntry { InstanceId = id, Event = HistoryEventType.VariablesChanged, At = DateTimeOffset.UtcNow, Data = i.ToString() });
                try { await store.CommitAsync(step); return true; }
                catch (ConcurrencyConflictException) { return false; }
            }).ToList();
            var outcomes = await Task.WhenAll(attempts);

            Assert.Single(outcomes, o => o);
            var saved = (await store.GetInstanceAsync(id))!;
            Assert.Equal(1, saved.Version);
            var history = Assert.Single(await store.GetHistoryAsync(id));
            Assert.Equal(saved.State.Variables["winner"]!.GetValue<int>().ToString(), history.Data);
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Deleting_a_bookmark_that_is_gone_conflicts_and_writes_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var store = db.CreateStore();
        var id = Guid.NewGuid();
        var step = new StepChanges();
        step.InsertedInstances.Add(Instance(id));
        step.DeletedBookmarks.Add(Guid.NewGuid());
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.CommitAsync(step));
        Assert.Null(await store.GetInstanceAsync(id));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Published_versions_are_unique_and_drafts_are_replaced(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var store = db.CreateStore();
        WorkflowDefinitionRecord Version(int v, DefinitionStatus status, string xml) => new()
        {
            Id = status == DefinitionStatus.Draft ? WorkflowDefinitionRecord.DraftId("p") : WorkflowDefinitionRecord.MakeId("p", v),
            ProcessId = "p", Version = v, Status = status, BpmnXml = xml, ContentHash = xml, CreatedAt = DateTimeOffset.UtcNow,
        };
        await store.SaveDefinitionAsync(Version(1, DefinitionStatus.Published, "a"));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.SaveDefinitionAsync(Version(1, DefinitionStatus.Published, "b")));
        await store.SaveDefinitionAsync(Version(2, DefinitionStatus.Published, "c"));
        await store.SaveDefinitionAsync(Version(0, DefinitionStatus.Draft, "draft 1"));
        await store.SaveDefinitionAsync(Version(0, DefinitionStatus.Draft, "draft 2"));

        Assert.Equal(2, (await store.GetLatestPublishedAsync("p"))!.Version);
        Assert.Equal("draft 2", (await store.GetDefinitionAsync("p:draft"))!.BpmnXml);
        Assert.Equal(3, (await store.ListDefinitionsAsync("p")).Count);
    }
}

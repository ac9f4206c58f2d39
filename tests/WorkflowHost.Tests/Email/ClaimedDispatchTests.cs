using Microsoft.Extensions.Time.Testing;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Notifications;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using Workflows.Persistence;
using Workflows.Testing;

namespace WorkflowHost.Tests.Email;

/// <summary>
/// The notification dispatcher claims outbox batches with a lease: two hosts on one outbox each handle their own
/// share and every notification once; a batch claimed by a host that died is dispatched by another after the lease.
/// </summary>
public sealed class ClaimedDispatchTests
{
    public static TheoryData<DatabaseProvider> Providers => new(TestDatabase.Providers);

    /// <summary>The recurring jobs off, so that only the dispatchers the test drives touch the outbox.</summary>
    private static Dictionary<string, string> Settings(TestDatabase db) => new(HostFactory.DatabaseSettings(db))
    {
        ["BackgroundJobs:OutboxDispatch"] = "", ["BackgroundJobs:EmailDelivery"] = "", ["Email:OutboxBatchSize"] = "20",
    };

    [Theory, MemberData(nameof(Providers))]
    public async Task Two_hosts_dispatching_one_outbox_handle_each_notification_once(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows, Settings(db));
        _ = host.CreateClient();
        await QueueAsync(host.Services, 300);

        var first = ActivatorUtilities.CreateInstance<NotificationDispatcher>(host.Services);
        var second = ActivatorUtilities.CreateInstance<NotificationDispatcher>(host.Services);
        var handled = await Task.WhenAll(DrainAsync(first), DrainAsync(second));

        Assert.Equal(300, handled.Sum());
        Assert.Empty(await host.Services.GetRequiredService<IWorkflowStore>().GetPendingOutboxAsync(DateTimeOffset.MaxValue, 10));
        Assert.Equal(300, (await EmailKeysAsync(host.Services)).Distinct().Count());
    }

    [Fact]
    public async Task A_batch_claimed_by_a_host_that_died_is_dispatched_once_after_the_lease()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows, new Dictionary<string, string>(Settings(db)) { ["Email:OutboxLease"] = "00:00:30" });
        _ = host.CreateClient();
        await QueueAsync(host.Services, 5);
        var now = DateTimeOffset.UtcNow;
        var store = host.Services.GetRequiredService<IWorkflowStore>();
        Assert.Equal(5, (await store.ClaimOutboxAsync(now, now.AddSeconds(30), 100)).Count); // and then the host died

        var clock = new FakeTimeProvider(now);
        var survivor = ActivatorUtilities.CreateInstance<NotificationDispatcher>(host.Services, (TimeProvider)clock);
        Assert.Equal((0, 0), await survivor.DispatchOnceAsync(default));
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal((5, 5), await survivor.DispatchOnceAsync(default));
        Assert.Equal((0, 0), await survivor.DispatchOnceAsync(default));
        Assert.Equal(5, (await EmailKeysAsync(host.Services)).Count);
    }

    private static async Task<int> DrainAsync(NotificationDispatcher dispatcher)
    {
        var total = 0;
        while ((await dispatcher.DispatchOnceAsync(default)).Handled is var handled and > 0) total += handled;
        return total;
    }

    /// <summary>Outbox notifications as steps write them, each to an address of its own.</summary>
    private static async Task QueueAsync(IServiceProvider services, int count)
    {
        var changes = new StepChanges();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            var notification = new Notification
            {
                Kind = NotificationKinds.SendTask, InstanceId = Guid.NewGuid(), ProcessId = "notice", ElementId = "tell", Template = NotificationKinds.SendTask,
                Addresses = [$"bidder{i}@example.com"], At = DateTimeOffset.UtcNow, EventId = id,
            };
            changes.Outbox.Add(new OutboxMessage
            {
                Id = id, Kind = OutboxKinds.Notification, Payload = JsonSerializer.Serialize(notification, EngineJson.Options),
                CreatedAt = DateTimeOffset.UtcNow.AddMilliseconds(i),
            });
        }
        await services.GetRequiredService<IWorkflowStore>().CommitAsync(changes);
    }

    private static Task<List<string>> EmailKeysAsync(IServiceProvider services) =>
        services.GetRequiredService<NotificationDatabase>().QueryAsync("SELECT idempotency_key FROM email_messages", r => r.GetString(0), default);
}

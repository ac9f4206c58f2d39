using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using Workflows.Persistence.Timers;
using Workflows.Testing;

namespace Workflows.Persistence.Tests.Timers;

/// <summary>The bookmark rows as the timer queue: claims exclude each other, leases expire, the next due time is one look.</summary>
public sealed class BookmarkTimerQueueTests
{
    public static TheoryData<DatabaseProvider> Providers => new(TestDatabase.Providers);

    private static Bookmark Timer(DateTimeOffset due) => new()
    {
        Id = Guid.NewGuid(), InstanceId = Guid.NewGuid(), TokenId = "t", ElementId = "wait", Kind = BookmarkKind.Timer, DueAt = due,
        CreatedAt = due,
    };

    [Theory, MemberData(nameof(Providers))]
    public async Task A_claimed_timer_is_not_claimed_again_until_its_lease_runs_out(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var store = db.CreateStore();
        var now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        var changes = new StepChanges();
        var due = Timer(now.AddSeconds(-5));
        var later = Timer(now.AddMinutes(10));
        changes.InsertedBookmarks.Add(due);
        changes.InsertedBookmarks.Add(later);
        await store.CommitAsync(changes);
        var queue = new BookmarkTimerQueue(provider, db.ConnectionString);

        var claimed = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => queue.ClaimDueAsync(now, now.AddMinutes(1), 10)));
        Assert.Equal(due.Id, Assert.Single(claimed.SelectMany(c => c)).Id); // eight pumps at once: one gets it
        Assert.Equal(now.AddMinutes(1), await queue.NextDueAsync(now)); // the lease expiry comes before the later timer

        Assert.Empty(await queue.ClaimDueAsync(now.AddSeconds(59), now.AddMinutes(2), 10));
        Assert.Equal(due.Id, Assert.Single(await queue.ClaimDueAsync(now.AddMinutes(1), now.AddMinutes(2), 10)).Id); // its host died

        await queue.ReleaseAsync(due.Id, now.AddMinutes(30));
        Assert.Equal(later.DueAt, await queue.NextDueAsync(now.AddMinutes(2)));
        Assert.Equal(2, await queue.CountAsync());
    }
}

using Microsoft.Extensions.Time.Testing;
using WorkflowHost.Email;
using WorkflowHost.Notifications;
using Workflows.Persistence;
using Workflows.Testing;

namespace WorkflowHost.Tests.Email;

/// <summary>
/// Email delivery claims batches with a lease: two hosts on one queue each send their own share and every email goes
/// out once; a host killed with a claimed batch leaves it to another host after the configured lease, not 10 minutes.
/// </summary>
public sealed class ClaimedDeliveryTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);

    public static TheoryData<DatabaseProvider> Providers => new(TestDatabase.Providers);

    private static SmtpOptions Plain(int port) => new()
    {
        Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, From = "tto@example.edu",
        CommandTimeout = TimeSpan.FromSeconds(10), ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    [Theory, MemberData(nameof(Providers))]
    public async Task Two_hosts_sending_one_queue_deliver_each_email_exactly_once(DatabaseProvider provider)
    {
        await using var smtp = new SmtpTestServer();
        await smtp.StartAsync();
        await using var db = await TestDatabase.CreateAsync(provider);
        var rig = await DeliveryRig.CreateAsync(new FakeTimeProvider(Start), Plain(smtp.Port), db);
        rig.Options.BatchSize = 10;
        rig.Options.Connections = 2;
        var ids = new List<string>();
        for (var i = 0; i < 120; i++) ids.Add(await rig.AddAsync($"member{i}@example.edu", $"Vote {i}", Start));

        await Task.WhenAll(rig.Delivery.RunAsync(default), rig.AnotherHost().RunAsync(default));

        var mails = smtp.Messages();
        Assert.Equal(120, mails.Count);
        Assert.Equal(120, mails.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(120, mails.Select(m => m.Subject).Distinct().Count());
        foreach (var id in ids) Assert.Equal(EmailStatus.Sent, (await rig.RowAsync(id)).Status);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_killed_hosts_claimed_emails_go_out_once_after_the_configured_lease(DatabaseProvider provider)
    {
        await using var smtp = new SmtpTestServer();
        await smtp.StartAsync();
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Start);
        var rig = await DeliveryRig.CreateAsync(clock, Plain(smtp.Port), db);
        rig.Options.DeliveryLease = TimeSpan.FromSeconds(20);
        for (var i = 0; i < 10; i++) await rig.AddAsync($"member{i}@example.edu", $"Vote {i}", Start);
        // A host claims the batch with the configured lease and is killed before it sends anything.
        Assert.Equal(10, (await rig.Store.ClaimDueAsync(Start, Start + rig.Options.DeliveryLease, 50, [], default)).Count);

        var survivor = rig.AnotherHost();
        Assert.Equal(0, await survivor.SendBatchAsync(default));
        clock.Advance(TimeSpan.FromSeconds(19));
        Assert.Equal(0, await survivor.SendBatchAsync(default));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(10, await survivor.SendBatchAsync(default));
        Assert.Equal(0, await survivor.SendBatchAsync(default));

        Assert.Equal(10, smtp.Messages().Select(m => m.Subject).Distinct().Count());
        Assert.Equal(10, smtp.Messages().Count);
    }

    [Fact]
    public async Task A_batch_hands_back_the_emails_it_cannot_start_before_its_lease_ends()
    {
        await using var smtp = new SmtpTestServer();
        await smtp.StartAsync();
        // Every look at the clock is 10 s later: the batch runs out of lease part way.
        var clock = new SteppingClock(Start, TimeSpan.FromSeconds(10));
        var rig = await DeliveryRig.CreateAsync(clock, Plain(smtp.Port));
        rig.Options.DeliveryLease = TimeSpan.FromSeconds(60);
        rig.Options.Smtp.CommandTimeout = TimeSpan.FromSeconds(15);
        var ids = new List<string>();
        for (var i = 0; i < 10; i++) ids.Add(await rig.AddAsync($"member{i}@example.edu", $"Vote {i}", Start));

        var claimedAt = clock.GetUtcNow() + TimeSpan.FromSeconds(10); // the batch's own look at the clock
        Assert.Equal(10, await rig.Delivery.SendBatchAsync(default));

        var sent = smtp.Messages().Count;
        Assert.InRange(sent, 1, 9); // no message started with less than a command timeout (15 s) of the lease left
        var rows = new List<EmailMessage>();
        foreach (var id in ids) rows.Add(await rig.RowAsync(id));
        Assert.Equal(sent, rows.Count(r => r.Status == EmailStatus.Sent));
        var handedBack = rows.Where(r => r.Status == EmailStatus.Pending).ToList();
        Assert.Equal(10 - sent, handedBack.Count);
        // Due again at once (not at the lease's end), for this host's next batch or another host.
        Assert.All(handedBack, r => Assert.True(r.NextAttemptAt < (claimedAt + rig.Options.DeliveryLease).UtcTicks));
        Assert.All(handedBack, r => Assert.Equal(0, r.Attempts));
    }

    /// <summary>A clock that moves on by a fixed step each time it is read.</summary>
    private sealed class SteppingClock(DateTimeOffset start, TimeSpan step) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow()
        {
            _now += step;
            return _now;
        }
    }
}

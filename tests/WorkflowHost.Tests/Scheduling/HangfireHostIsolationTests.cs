using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using WorkflowHost.Tests.Email;
using WorkflowHost.Tests.Identity;
using Workflows.Persistence;
using Workflows.Testing;

namespace WorkflowHost.Tests.Scheduling;

/// <summary>
/// Hangfire keeps its job activator and log provider in process-wide statics, which <c>AddHangfire</c> sets for
/// every host a process builds. Two hosts on PostgreSQL start together; host A configures Hangfire and then, while
/// it prepares its storage (PostgreSQL's schema set-up makes this window long, by chance, in a loaded test run;
/// here it is held open on purpose), host B configures Hangfire too. Each host's jobs must still run in its own
/// services and log to its own loggers, and the survivor must keep working once the other is gone.
/// </summary>
public sealed class HangfireHostIsolationTests
{
    [Fact]
    public async Task Hosts_started_together_run_and_log_their_own_jobs_and_one_outlives_the_other()
    {
        await using var dbA = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, migrate: false);
        await using var dbB = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, migrate: false);
        var (dataA, workflowsA) = HostFactory.NewFolders();
        var (dataB, workflowsB) = HostFactory.NewFolders();
        var logsA = new CapturedLogs();
        var logsB = new CapturedLogs();
        var bConfigured = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await using var hostA = new HostFactory(dataA, workflowsA, Settings(dbA),
            AfterHangfireStorage(logsA, () => Assert.True(bConfigured.Task.Wait(TimeSpan.FromSeconds(60)), "host B never configured Hangfire")));
        var hostB = new HostFactory(dataB, workflowsB, Settings(dbB), AfterHangfireStorage(logsB, bConfigured.SetResult));
        try
        {
            await Task.WhenAll(Task.Run(() => hostA.Server), Task.Run(() => hostB.Server));
            foreach (var host in new[] { hostA, hostB })
            {
                await EmailDeliveryTests.AddPeopleAsync(host.Services);
                await EmailDeliveryTests.StartScreeningAsync(host.Services, "P5D", "P1D", "alice");
            }

            // Each outbox is dispatched and its mail delivered by the host's own jobs, into its own pickup folder.
            await Eventually.HoldsAsync("host A's task mail in host A's pickup folder", () => Mail(dataA) == 1);
            await Eventually.HoldsAsync("host B's task mail in host B's pickup folder", () => Mail(dataB) == 1);

            // Each host's Hangfire server logs to that host's loggers.
            Assert.Contains(logsA.Entries, e => e.Category.StartsWith("Hangfire", StringComparison.Ordinal) && e.Message.Contains(DatabaseName(dbA)));
            Assert.DoesNotContain(logsB.Entries, e => e.Category.StartsWith("Hangfire", StringComparison.Ordinal) && e.Message.Contains(DatabaseName(dbA)));
            Assert.Contains(logsB.Entries, e => e.Category.StartsWith("Hangfire", StringComparison.Ordinal) && e.Message.Contains(DatabaseName(dbB)));
            Assert.DoesNotContain(logsA.Entries, e => e.Category.StartsWith("Hangfire", StringComparison.Ordinal) && e.Message.Contains(DatabaseName(dbB)));
        }
        finally
        {
            await hostB.DisposeAsync();
        }

        // Host A outlives host B: its next task mail still arrives.
        await EmailDeliveryTests.StartScreeningAsync(hostA.Services, "P5D", "P1D", "alice");
        await Eventually.HoldsAsync("host A's second task mail after host B stopped", () => Mail(dataA) == 2);
    }

    private static Dictionary<string, string> Settings(TestDatabase db)
    {
        var settings = HostFactory.DatabaseSettings(db);
        settings["Logging:LogLevel:Hangfire"] = "Information"; // the server's start-up lines name its storage
        return settings;
    }

    /// <summary>
    /// Captures the host's logs, and runs <paramref name="then"/> once the host has configured Hangfire and made its
    /// job storage, before its Hangfire server is made.
    /// </summary>
    private static Action<IServiceCollection> AfterHangfireStorage(CapturedLogs logs, Action then) => services =>
    {
        services.AddSingleton<ILoggerProvider>(logs);
        var made = services.Single(d => d.ServiceType == typeof(JobStorage)).ImplementationFactory!;
        services.Replace(ServiceDescriptor.Singleton<JobStorage>(sp =>
        {
            var storage = (JobStorage)made(sp);
            sp.GetRequiredService<IGlobalConfiguration>();
            then();
            return storage;
        }));
    };

    private static int Mail(string data)
    {
        var pickup = Path.Combine(data, "mail");
        return Directory.Exists(pickup) ? Directory.GetFiles(pickup, "*.eml").Length : 0;
    }

    private static string DatabaseName(TestDatabase db) => new Npgsql.NpgsqlConnectionStringBuilder(db.ConnectionString).Database!;
}

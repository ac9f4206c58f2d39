using Workflows.Testing;

namespace WorkflowHost.Tests.Email;

/// <summary>
/// Hangfire on PostgreSQL end to end, beside the other host tests of the process (it once stalled there: another
/// host's Hangfire set-up took over this one's job activator; Scheduling/HangfireHostIsolationTests pins that). A
/// failure reports where Hangfire's jobs, servers, recurring schedules and locks stood, and the outbox and email rows.
/// </summary>
public sealed class HangfireOnPostgresTests
{
    /// <summary>The same path with Hangfire on PostgreSQL (its own schema in the application's database) instead of in memory.</summary>
    [Fact]
    public async Task On_PostgreSQL_Hangfire_runs_the_outbox_and_delivery_jobs_from_its_own_schema()
    {
        await using var db = await Workflows.Testing.TestDatabase.CreateAsync(Workflows.Persistence.DatabaseProvider.Postgres, migrate: false);
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows, new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres", ["ConnectionStrings:Workflows"] = db.ConnectionString, ["Hangfire:Schema"] = "jobs",
        });
        _ = host.CreateClient();
        await EmailDeliveryTests.AddPeopleAsync(host.Services);
        await EmailDeliveryTests.StartScreeningAsync(host.Services, "P5D", "P1D", "alice");

        var pickup = Path.Combine(data, "mail");
        // Two recurring jobs in a row (outbox, then delivery), each polled from PostgreSQL.
        await Eventually.HoldsAsync("the task mail in the pickup folder", () => Directory.Exists(pickup) && Directory.GetFiles(pickup, "*.eml").Length > 0,
            state: () => HangfireStateAsync(db.ConnectionString));
        var mail = ReceivedMail.Parse(File.ReadAllText(Assert.Single(Directory.GetFiles(pickup, "*.eml"))));
        Assert.StartsWith("New task: 审查披露 Screen (INV-2026-042)", mail.Subject);
        await using var connection = new Npgsql.NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var jobs = new Npgsql.NpgsqlCommand("SELECT COUNT(*) FROM jobs.job", connection);
        Assert.True((long)(await jobs.ExecuteScalarAsync())! > 0, "no Hangfire job in the jobs schema");
    }

    /// <summary>Hangfire's and the outbox's state in the test database, for a failure message.</summary>
    private static async Task<string> HangfireStateAsync(string connectionString)
    {
        var report = new System.Text.StringBuilder();
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var sql in new[]
        {
            "SELECT 'job ' || coalesce(statename, '-') || ': ' || count(*) FROM jobs.job GROUP BY statename",
            "SELECT 'state ' || s.name || ' ' || coalesce(s.reason, '') || ' ' || left(coalesce(s.data::text, ''), 600) FROM jobs.state s WHERE s.name IN ('Failed', 'Deleted') ORDER BY s.id DESC LIMIT 3",
            "SELECT 'server ' || id || ' heartbeat ' || lastheartbeat FROM jobs.server",
            "SELECT 'recurring ' || key || ' ' || field || '=' || coalesce(value, '') FROM jobs.hash WHERE key LIKE 'recurring-job:%' AND field IN ('NextExecution', 'LastExecution', 'Error', 'LastJobId')",
            "SELECT 'lock ' || resource || ' since ' || acquired FROM jobs.lock",
            "SELECT 'outbox unprocessed: ' || count(*) FROM wf_outbox WHERE processed_at IS NULL",
            "SELECT 'email ' || status || ': ' || count(*) || ' ' || coalesce(max(last_error), '') FROM email_messages GROUP BY status",
        })
        {
            try
            {
                await using var command = new Npgsql.NpgsqlCommand(sql, connection);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) report.AppendLine("  " + reader.GetString(0));
            }
            catch (Npgsql.PostgresException e) { report.AppendLine($"  ({e.MessageText})"); }
        }
        return "Where Hangfire and the outbox stood:\n" + report;
    }
}

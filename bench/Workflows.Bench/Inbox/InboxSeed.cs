using System.Data.Common;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Workflows.Persistence;

namespace Workflows.Bench.Inbox;

/// <summary>
/// A stored office of <c>N</c> instances, written row by row (SQLite: prepared inserts; PostgreSQL: binary COPY), built
/// once per size and kept in the data folder / on the server for the next run. One instance in five runs, with one open
/// task; the others have completed theirs. Ten processes of five task elements; open tasks offered to one of 20 groups,
/// three in ten of them claimed by one of 2,000 users (attributes picked by a hash of the row's number); due dates from 60 days ago to 60 days ahead (one in ten has
/// none), follow-up dates on half, priorities 0-100; three variables per running instance (college: 30 values,
/// amount: a number, urgent: a boolean). No history rows (the inbox does not read them). A seed made before engine migration 0006 gets its inbox rows
/// completed from the tasks by that migration.
/// </summary>
public static class InboxSeed
{
    public const string User = "user-0042";
    public static readonly string[] Groups = ["group-03", "group-07"];
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<BenchDatabase> EnsureAsync(BenchOptions options, Workflows.Persistence.DatabaseProvider provider, int size)
    {
        var db = await BenchDatabase.CreateAsync(options, provider, $"inbox-{size}-v3", keep: true); // v2: the seed's shape
        await using var connection = WorkflowPersistence.OpenConnection(provider, db.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS bench_seed (size INTEGER NOT NULL)");
        await using (var check = SqlCommands.Create(connection, null, "SELECT COUNT(*) FROM bench_seed WHERE size = @p0", size))
            if (Convert.ToInt64(await check.ExecuteScalarAsync(), CultureInfo.InvariantCulture) > 0) return db;

        Console.WriteLine($"seeding {size:N0} instances on {db.Label} (once; kept for the next runs) ...");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        if (provider == Workflows.Persistence.DatabaseProvider.Postgres) await CopyAsync((NpgsqlConnection)connection, size);
        else await InsertAsync(connection, size);
        // The planner's statistics, as the host gathers them at every start (SQLite) or autovacuum does (PostgreSQL).
        await ExecuteAsync(connection, provider == Workflows.Persistence.DatabaseProvider.Postgres ? "ANALYZE" : "PRAGMA optimize=0x10002");
        await ExecuteAsync(connection, $"INSERT INTO bench_seed (size) VALUES ({size})");
        Console.WriteLine($"seeded in {watch.Elapsed.TotalSeconds:F0} s");
        return db;
    }

    private sealed record Row(Guid Instance, Guid Task, int Index)
    {
        /// <summary>A well-mixed pick in [0, n) per attribute, so that attributes do not follow each other.</summary>
        private int Pick(uint salt, int n)
        {
            var h = (uint)Index * 0x9E3779B1u ^ salt * 0x85EBCA77u;
            h ^= h >> 15;
            h *= 0x2C1B3C6Du;
            h ^= h >> 12;
            h *= 0x297A2D39u;
            h ^= h >> 15;
            return (int)(h % (uint)n);
        }

        public bool Running => Pick(1, 5) == 0;
        public string Process => $"proc-{Pick(2, 10)}";
        public string Element => $"task-{Pick(3, 5)}";
        public string Key => $"CN-2026-{Index:D7}";
        public string? Assignee => !Running || Pick(4, 10) < 3 ? $"user-{Pick(5, 2000):D4}" : null;
        public string Group => $"group-{Pick(6, 20):D2}";
        public long Created => (Now - TimeSpan.FromDays(365)).UtcTicks + Index * 300_000_000L; // 30 s apart
        public long? Due => Pick(7, 10) == 9 ? null : (Now + TimeSpan.FromDays(Pick(8, 120) - 60)).UtcTicks + Pick(9, 86_400) * 10_000_000L;
        public long? FollowUp => Pick(10, 2) == 0 ? (Now + TimeSpan.FromDays(Pick(11, 60) - 30)).UtcTicks : null;
        public int Priority => Pick(12, 101);
        public string College => $"college-{Pick(13, 30):D2}";
        public int Amount => Pick(14, 1000);
        public bool Urgent => Pick(15, 7) == 0;
        public string State => Running
            ? $$"""{"variables":{"college":"{{College}}","amount":{{Amount}},"urgent":{{(Urgent ? "true" : "false")}}},"tokens":[{"id":"t1","nodeId":"{{Element}}","status":"Waiting","taskId":"{{Task}}"}],"scopes":[],"callDepth":0,"nextId":2}"""
            : $$"""{"variables":{"college":"{{College}}","amount":{{Amount}},"urgent":{{(Urgent ? "true" : "false")}}},"tokens":[],"scopes":[],"callDepth":0,"nextId":2}""";
    }

    private static IEnumerable<Row> Rows(int size)
    {
        var random = new Random(16);
        for (var i = 0; i < size; i++)
        {
            Span<byte> bytes = stackalloc byte[32];
            random.NextBytes(bytes);
            yield return new Row(new Guid(bytes[..16]), new Guid(bytes[16..]), i);
        }
    }

    private static async Task InsertAsync(DbConnection connection, int size)
    {
        static string Id(Guid g) => g.ToString().ToUpperInvariant();
        using var rows = Rows(size).GetEnumerator();
        var more = true;
        while (more)
        {
            await using var tx = await connection.BeginTransactionAsync();
            await using var instance = Command(connection, tx, "INSERT INTO wf_instances (id, definition_id, process_id, definition_version, business_key, status, state, version, started_at, ended_at, open_incidents) VALUES (@p0, @p1, @p2, 1, @p3, @p4, @p5, 1, @p6, @p7, 0)", 8);
            await using var task = Command(connection, tx, "INSERT INTO wf_tasks (id, instance_id, token_id, element_id, name, process_id, business_key, status, assignee, candidate_users, candidate_groups, created_at, due_at, follow_up_at, priority, completed_at, completed_by, version) VALUES (@p0, @p1, 't1', @p2, @p3, @p4, @p5, @p6, @p7, '', @p8, @p9, @p10, @p11, @p12, @p13, @p14, 1)", 15);
            await using var candidate = Command(connection, tx, "INSERT INTO wf_task_candidates (candidate, task_id, instance_id, process_id, element_id, business_key, created_at, due_at, follow_up_at, priority) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9)", 10);
            await using var variable = Command(connection, tx, "INSERT INTO wf_variables (name, value, instance_id) VALUES (@p0, @p1, @p2)", 3);
            for (var n = 0; n < 50_000 && (more = rows.MoveNext()); n++)
            {
                var r = rows.Current;
                await RunAsync(instance, Id(r.Instance), r.Process + ":1", r.Process, r.Key, r.Running ? 0 : 1, r.State, r.Created, r.Running ? null : r.Created + 864_000_000_000L);
                await RunAsync(task, Id(r.Task), Id(r.Instance), r.Element, "审查 Review " + r.Element, r.Process, r.Key,
                    r.Running ? (r.Assignee is null ? 0 : 1) : 3, r.Assignee, "|" + r.Group + "|", r.Created, r.Due, r.FollowUp, r.Priority,
                    r.Running ? null : r.Created + 864_000_000_000L, r.Running ? null : r.Assignee);
                if (!r.Running) continue;
                await RunAsync(candidate, r.Assignee is null ? "g:" + r.Group : "a:" + r.Assignee, Id(r.Task), Id(r.Instance), r.Process, r.Element, r.Key,
                    r.Created, r.Due, r.FollowUp, r.Priority);
                await RunAsync(variable, "college", r.College, Id(r.Instance));
                await RunAsync(variable, "amount", r.Amount.ToString(CultureInfo.InvariantCulture), Id(r.Instance));
                await RunAsync(variable, "urgent", r.Urgent ? "true" : "false", Id(r.Instance));
            }
            await tx.CommitAsync();
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, int size)
    {
        var all = Rows(size).ToList();
        await using (var w = await connection.BeginBinaryImportAsync("COPY wf_instances (id, definition_id, process_id, definition_version, business_key, status, state, version, started_at, ended_at, open_incidents) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in all)
            {
                await w.StartRowAsync();
                await w.WriteAsync(r.Instance, NpgsqlDbType.Uuid);
                await w.WriteAsync(r.Process + ":1", NpgsqlDbType.Text);
                await w.WriteAsync(r.Process, NpgsqlDbType.Text);
                await w.WriteAsync(1, NpgsqlDbType.Integer);
                await w.WriteAsync(r.Key, NpgsqlDbType.Text);
                await w.WriteAsync(r.Running ? 0 : 1, NpgsqlDbType.Integer);
                await w.WriteAsync(r.State, NpgsqlDbType.Text);
                await w.WriteAsync(1, NpgsqlDbType.Integer);
                await w.WriteAsync(r.Created, NpgsqlDbType.Bigint);
                if (r.Running) await w.WriteNullAsync(); else await w.WriteAsync(r.Created + 864_000_000_000L, NpgsqlDbType.Bigint);
                await w.WriteAsync(0, NpgsqlDbType.Integer);
            }
            await w.CompleteAsync();
        }
        await using (var w = await connection.BeginBinaryImportAsync("COPY wf_tasks (id, instance_id, token_id, element_id, name, process_id, business_key, status, assignee, candidate_users, candidate_groups, created_at, due_at, follow_up_at, priority, completed_at, completed_by, version) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in all)
            {
                await w.StartRowAsync();
                await w.WriteAsync(r.Task, NpgsqlDbType.Uuid);
                await w.WriteAsync(r.Instance, NpgsqlDbType.Uuid);
                await w.WriteAsync("t1", NpgsqlDbType.Text);
                await w.WriteAsync(r.Element, NpgsqlDbType.Text);
                await w.WriteAsync("审查 Review " + r.Element, NpgsqlDbType.Text);
                await w.WriteAsync(r.Process, NpgsqlDbType.Text);
                await w.WriteAsync(r.Key, NpgsqlDbType.Text);
                await w.WriteAsync(r.Running ? (r.Assignee is null ? 0 : 1) : 3, NpgsqlDbType.Integer);
                if (r.Assignee is null) await w.WriteNullAsync(); else await w.WriteAsync(r.Assignee, NpgsqlDbType.Text);
                await w.WriteAsync("", NpgsqlDbType.Text);
                await w.WriteAsync("|" + r.Group + "|", NpgsqlDbType.Text);
                await w.WriteAsync(r.Created, NpgsqlDbType.Bigint);
                if (r.Due is { } due) await w.WriteAsync(due, NpgsqlDbType.Bigint); else await w.WriteNullAsync();
                if (r.FollowUp is { } f) await w.WriteAsync(f, NpgsqlDbType.Bigint); else await w.WriteNullAsync();
                await w.WriteAsync(r.Priority, NpgsqlDbType.Integer);
                if (r.Running) await w.WriteNullAsync(); else await w.WriteAsync(r.Created + 864_000_000_000L, NpgsqlDbType.Bigint);
                if (r.Running || r.Assignee is null) await w.WriteNullAsync(); else await w.WriteAsync(r.Assignee, NpgsqlDbType.Text);
                await w.WriteAsync(1, NpgsqlDbType.Integer);
            }
            await w.CompleteAsync();
        }
        await using (var w = await connection.BeginBinaryImportAsync("COPY wf_task_candidates (candidate, task_id, instance_id, process_id, element_id, business_key, created_at, due_at, follow_up_at, priority) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in all.Where(r => r.Running))
            {
                await w.StartRowAsync();
                await w.WriteAsync(r.Assignee is null ? "g:" + r.Group : "a:" + r.Assignee, NpgsqlDbType.Text);
                await w.WriteAsync(r.Task, NpgsqlDbType.Uuid);
                await w.WriteAsync(r.Instance, NpgsqlDbType.Uuid);
                await w.WriteAsync(r.Process, NpgsqlDbType.Text);
                await w.WriteAsync(r.Element, NpgsqlDbType.Text);
                await w.WriteAsync(r.Key, NpgsqlDbType.Text);
                await w.WriteAsync(r.Created, NpgsqlDbType.Bigint);
                if (r.Due is { } due) await w.WriteAsync(due, NpgsqlDbType.Bigint); else await w.WriteNullAsync();
                if (r.FollowUp is { } f) await w.WriteAsync(f, NpgsqlDbType.Bigint); else await w.WriteNullAsync();
                await w.WriteAsync(r.Priority, NpgsqlDbType.Integer);
            }
            await w.CompleteAsync();
        }
        await using (var w = await connection.BeginBinaryImportAsync("COPY wf_variables (name, value, instance_id) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in all.Where(r => r.Running))
                foreach (var (name, value) in new[] { ("college", r.College), ("amount", r.Amount.ToString(CultureInfo.InvariantCulture)), ("urgent", r.Urgent ? "true" : "false") })
                {
                    await w.StartRowAsync();
                    await w.WriteAsync(name, NpgsqlDbType.Text);
                    await w.WriteAsync(value, NpgsqlDbType.Text);
                    await w.WriteAsync(r.Instance, NpgsqlDbType.Uuid);
                }
            await w.CompleteAsync();
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction tx, string sql, int parameters) =>
        SqlCommands.Create(connection, tx, sql, new object?[parameters]);

    private static async Task RunAsync(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }
}

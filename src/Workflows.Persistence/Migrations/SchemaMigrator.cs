using System.Globalization;
using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Workflows.Persistence.Migrations;

/// <summary>
/// Applies versioned SQL scripts embedded in an assembly (<c>{prefix}.{Sqlite|Postgres}.NNNN_name.sql</c>), each
/// once, in order, each in its own transaction, and records them in <c>schema_migrations</c> per module. Safe when
/// several hosts start at once (PostgreSQL advisory lock; SQLite's write lock). Refuses a database that is newer
/// than the code.
/// </summary>
public static partial class SchemaMigrator
{
    [GeneratedRegex(@"\.(?<version>\d{4})_(?<name>[A-Za-z0-9_]+)\.sql$")]
    private static partial Regex ScriptName();

    public sealed record Script(int Version, string Name, string Sql);

    public static IReadOnlyList<Script> Scripts(Assembly assembly, string resourcePrefix, DatabaseProvider provider)
    {
        var folder = $"{resourcePrefix}.{provider}.";
        var scripts = new List<Script>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(folder, StringComparison.Ordinal)))
        {
            var match = ScriptName().Match(resource);
            if (!match.Success) continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new Script(int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture), match.Groups["name"].Value, reader.ReadToEnd()));
        }
        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Two {provider} scripts have version {duplicate.Key}.");
        return scripts.OrderBy(s => s.Version).ToList();
    }

    /// <summary>Brings the module's schema up to date. Returns the versions it applied.</summary>
    public static async Task<IReadOnlyList<int>> ApplyAsync(DbConnection connection, DatabaseProvider provider, Assembly scriptsAssembly,
        string resourcePrefix, string module, CancellationToken ct = default)
    {
        var scripts = Scripts(scriptsAssembly, resourcePrefix, provider);
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
        await ExecuteAsync(connection, null, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                module VARCHAR(100) NOT NULL,
                version INTEGER NOT NULL,
                name VARCHAR(200) NOT NULL,
                applied_at VARCHAR(40) NOT NULL,
                PRIMARY KEY (module, version)
            )
            """, ct);

        var applied = new List<int>();
        foreach (var script in scripts)
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            if (provider == DatabaseProvider.Postgres)
                await ExecuteAsync(connection, tx, $"SELECT pg_advisory_xact_lock({StableHash(module)})", ct);
            else // take SQLite's write lock first, so two starting hosts run the scripts one after the other
                await ExecuteAsync(connection, tx, "UPDATE schema_migrations SET module = module WHERE 1 = 0", ct);

            var current = await CurrentVersionAsync(connection, tx, module, ct);
            var newest = scripts[^1].Version;
            if (current > newest)
                throw new InvalidOperationException(
                    $"The database's '{module}' schema is at version {current}, newer than this program knows ({newest}). Run a newer version of the program.");
            if (script.Version <= current)
            {
                await tx.RollbackAsync(ct);
                continue;
            }
            await ExecuteAsync(connection, tx, script.Sql, ct);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = tx;
                record.CommandText = "INSERT INTO schema_migrations (module, version, name, applied_at) VALUES (@m, @v, @n, @a)";
                Add(record, "@m", module);
                Add(record, "@v", script.Version);
                Add(record, "@n", script.Name);
                Add(record, "@a", DateTimeOffset.UtcNow.ToString("O"));
                await record.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
            applied.Add(script.Version);
        }
        if (scripts.Count == 0) return applied;
        var final = await CurrentVersionAsync(connection, null, module, ct);
        if (final > scripts[^1].Version)
            throw new InvalidOperationException(
                $"The database's '{module}' schema is at version {final}, newer than this program knows ({scripts[^1].Version}). Run a newer version of the program.");
        return applied;
    }

    public static async Task<int> CurrentVersionAsync(DbConnection connection, DbTransaction? tx, string module, CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations WHERE module = @m";
        Add(command, "@m", module);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    private static long StableHash(string text)
    {
        long hash = 1125899906842597L;
        foreach (var c in text) hash = 31 * hash + c;
        return hash;
    }
}

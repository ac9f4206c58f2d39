using System.Data.Common;
using System.Globalization;
using WorkflowHost.Composition;
using Workflows.Persistence;
using Workflows.Persistence.Migrations;

namespace WorkflowHost.Forms;

/// <summary>
/// The one owner of the forms tables (migration module "forms"): published versions of form-js schemas, immutable and
/// numbered per form key from 1, and one draft per form. Timestamps are stored as UTC ticks.
/// </summary>
public sealed class FormStore(HostSettings settings)
{
    public const string Module = "forms";
    private const string ScriptPrefix = "WorkflowHost.Forms.Migrations";

    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await SchemaMigrator.ApplyAsync(connection, settings.Provider, typeof(FormStore).Assembly, ScriptPrefix, Module, ct);
    }

    /// <summary>The newest published version of every form that has one (schemas left out).</summary>
    public Task<List<FormVersionInfo>> ListLatestAsync(CancellationToken ct) => QueryAsync("""
        SELECT v.form_key, v.version, v.published_by, v.published_at FROM form_versions v
        WHERE v.version = (SELECT MAX(x.version) FROM form_versions x WHERE x.form_key = v.form_key)
        ORDER BY v.form_key
        """, ReadInfo, ct);

    /// <summary>Every published version of a form, newest first (schemas left out).</summary>
    public Task<List<FormVersionInfo>> VersionsAsync(string key, CancellationToken ct) => QueryAsync(
        "SELECT form_key, version, published_by, published_at FROM form_versions WHERE form_key = @p0 ORDER BY version DESC", ReadInfo, ct, key);

    /// <summary>The newest published version of a form with its schema, or null when it was never published here.</summary>
    public async Task<FormVersion?> LatestAsync(string key, CancellationToken ct) => (await QueryAsync("""
        SELECT form_key, version, published_by, published_at, schema_json FROM form_versions
        WHERE form_key = @p0 ORDER BY version DESC LIMIT 1
        """, ReadVersion, ct, key)).FirstOrDefault();

    public async Task<FormVersion?> VersionAsync(string key, int version, CancellationToken ct) => (await QueryAsync(
        "SELECT form_key, version, published_by, published_at, schema_json FROM form_versions WHERE form_key = @p0 AND version = @p1",
        ReadVersion, ct, key, version)).FirstOrDefault();

    /// <summary>Stores the schema as the form's next version (1 for the first) and drops its draft, in one transaction.</summary>
    public async Task<FormVersionInfo> PublishAsync(string key, string schemaJson, string publishedBy, DateTimeOffset at, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await OpenAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            try
            {
                int next;
                await using (var max = Command(connection, tx, "SELECT COALESCE(MAX(version), 0) FROM form_versions WHERE form_key = @p0", key))
                    next = Convert.ToInt32(await max.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) + 1;
                await using (var insert = Command(connection, tx,
                                 "INSERT INTO form_versions (form_key, version, schema_json, published_by, published_at) VALUES (@p0, @p1, @p2, @p3, @p4)",
                                 key, next, schemaJson, publishedBy, at.UtcTicks))
                    await insert.ExecuteNonQueryAsync(ct);
                await using (var drop = Command(connection, tx, "DELETE FROM form_drafts WHERE form_key = @p0", key))
                    await drop.ExecuteNonQueryAsync(ct);
                await tx.CommitAsync(ct);
                return new FormVersionInfo(key, next, publishedBy, at);
            }
            catch (DbException) when (attempt < 5)
            {
                // Two administrators published the same form at once: the primary key let one win; number again.
                await tx.RollbackAsync(ct);
            }
        }
    }

    public async Task SaveDraftAsync(string key, string schemaJson, string savedBy, DateTimeOffset at, CancellationToken ct)
    {
        var sql = settings.Provider == DatabaseProvider.Sqlite
            ? "INSERT INTO form_drafts (form_key, schema_json, saved_by, saved_at) VALUES (@p0, @p1, @p2, @p3) ON CONFLICT (form_key) DO UPDATE SET schema_json = excluded.schema_json, saved_by = excluded.saved_by, saved_at = excluded.saved_at"
            : "INSERT INTO form_drafts (form_key, schema_json, saved_by, saved_at) VALUES (@p0, @p1, @p2, @p3) ON CONFLICT (form_key) DO UPDATE SET schema_json = EXCLUDED.schema_json, saved_by = EXCLUDED.saved_by, saved_at = EXCLUDED.saved_at";
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, null, sql, key, schemaJson, savedBy, at.UtcTicks);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<FormDraft?> DraftAsync(string key, CancellationToken ct) => (await QueryAsync(
        "SELECT form_key, schema_json, saved_by, saved_at FROM form_drafts WHERE form_key = @p0",
        r => new FormDraft(r.GetString(0), r.GetString(1), r.GetString(2), Time(r.GetInt64(3))), ct, key)).FirstOrDefault();

    public Task<List<string>> DraftKeysAsync(CancellationToken ct) => QueryAsync("SELECT form_key FROM form_drafts", r => r.GetString(0), ct);

    private static FormVersionInfo ReadInfo(DbDataReader r) => new(r.GetString(0), r.GetInt32(1), r.GetString(2), Time(r.GetInt64(3)));

    private static FormVersion ReadVersion(DbDataReader r) => new(ReadInfo(r), r.GetString(4));

    private static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = WorkflowPersistence.OpenConnection(settings.Provider, settings.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql, params object?[] values) => SqlCommands.Create(connection, tx, sql, values);

    private async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken ct, params object?[] values)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, null, sql, values);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var list = new List<T>();
        while (await reader.ReadAsync(ct)) list.Add(read(reader));
        return list;
    }
}

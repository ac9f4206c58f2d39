using Microsoft.EntityFrameworkCore;
using Workflows.Persistence;
using Workflows.Persistence.Migrations;

namespace TechTransfer.Persistence;

/// <summary>The database the domain keeps its <c>tt_*</c> tables in (the host's own), and its migration.</summary>
public sealed class TechTransferDatabase(DatabaseProvider provider, string connectionString)
{
    public const string Module = "techtransfer";
    private const string ScriptPrefix = "TechTransfer.Persistence.Migrations";

    public DatabaseProvider Provider { get; } = provider;
    public string ConnectionString { get; } = connectionString;

    /// <summary>Applies the domain's scripts with the engine's migrator (its own module in <c>schema_migrations</c>).</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken ct = default)
    {
        await using var connection = WorkflowPersistence.OpenConnection(Provider, ConnectionString);
        return await SchemaMigrator.ApplyAsync(connection, Provider, typeof(TechTransferDatabase).Assembly, ScriptPrefix, Module, ct);
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        if (Provider == DatabaseProvider.Sqlite) options.UseSqlite(ConnectionString);
        else options.UseNpgsql(ConnectionString);
    }
}

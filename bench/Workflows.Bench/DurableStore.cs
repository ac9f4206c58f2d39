using Workflows.Engine.Runtime;
using Workflows.Persistence;

namespace Workflows.Bench;

/// <summary>The engine's real EF Core store on a fresh SQLite file, migrated, with the product's durability settings.</summary>
public static class DurableStore
{
    public static async Task<IWorkflowStore> CreateSqliteAsync(string path)
    {
        foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
        var connectionString = WorkflowPersistence.SqliteConnectionString(path);
        await WorkflowPersistence.MigrateAsync(DatabaseProvider.Sqlite, connectionString);
        return WorkflowPersistence.CreateStore(DatabaseProvider.Sqlite, connectionString);
    }
}

using Workflows.Engine.Runtime;
using Workflows.Persistence;
using Workflows.Testing;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>
/// The stores every runtime semantics test runs against, so one BPMN file proves the same behaviour on each:
/// in memory, a real SQLite file, and a real PostgreSQL database (when configured; always in CI).
/// </summary>
public static class StoreKinds
{
    public static TheoryData<string> All
    {
        get
        {
            var data = new TheoryData<string> { "memory", "sqlite" };
            if (TestDatabase.PostgresEnabled) data.Add("postgres");
            return data;
        }
    }

    public static async Task<(IWorkflowStore Store, IAsyncDisposable Lifetime)> CreateAsync(string kind)
    {
        switch (kind)
        {
            case "memory":
                return (new InMemoryWorkflowStore(), new Nothing());
            case "sqlite":
            {
                var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
                return (db.CreateStore(), db);
            }
            case "postgres":
            {
                var db = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
                return (db.CreateStore(), db);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown store kind");
        }
    }

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

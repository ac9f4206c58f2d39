using System.Data.Common;
using Workflows.Persistence;
using Workflows.Persistence.Migrations;
using Workflows.Testing;

namespace Workflows.Persistence.Tests;

public sealed class MigrationTests
{
    public static TheoryData<DatabaseProvider> Providers => new(TestDatabase.Providers);
    private const string Prefix = "Workflows.Persistence.Tests.Scripts";

    [Theory, MemberData(nameof(Providers))]
    public async Task Migrating_twice_applies_nothing_the_second_time(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        Assert.Equal([1, 2, 3, 4, 5, 6], await WorkflowPersistence.MigrateAsync(provider, db.ConnectionString));
        Assert.Empty(await WorkflowPersistence.MigrateAsync(provider, db.ConnectionString));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Upgrading_keeps_the_data_written_at_the_older_version(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var connection = WorkflowPersistence.OpenConnection(provider, db.ConnectionString);
        await connection.OpenAsync();
        var all = SchemaMigrator.Scripts(typeof(MigrationTests).Assembly, Prefix, provider);
        Assert.Equal([1, 2], all.Select(s => s.Version));

        // Version 1 only, as an older release would have left it, with data in it.
        await Execute(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (module VARCHAR(100) NOT NULL, version INTEGER NOT NULL, name VARCHAR(200) NOT NULL, applied_at VARCHAR(40) NOT NULL, PRIMARY KEY (module, version))");
        await Execute(connection, all[0].Sql);
        await Execute(connection, "INSERT INTO schema_migrations VALUES ('notes', 1, 'notes', 'then')");
        await Execute(connection, "INSERT INTO test_notes (id, body) VALUES (1, '保留的数据')");

        var applied = await SchemaMigrator.ApplyAsync(connection, provider, typeof(MigrationTests).Assembly, Prefix, "notes");

        Assert.Equal([2], applied);
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT body, author FROM test_notes WHERE id = 1";
        await using var reader = await read.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("保留的数据", reader.GetString(0));
        Assert.True(reader.IsDBNull(1));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_database_newer_than_the_code_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var connection = WorkflowPersistence.OpenConnection(provider, db.ConnectionString);
        await connection.OpenAsync();
        await Execute(connection, "INSERT INTO schema_migrations VALUES ('engine', 99, 'from the future', 'later')");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => WorkflowPersistence.MigrateAsync(provider, db.ConnectionString));
        Assert.Contains("newer than this program knows", error.Message);
    }

    private static async Task Execute(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

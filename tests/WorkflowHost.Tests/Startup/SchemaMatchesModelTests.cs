using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TechTransfer.Persistence;
using WorkflowHost.Identity;
using WorkflowHost.Startup;
using WorkflowHost.Tests.Api;
using Workflows.Persistence;

namespace WorkflowHost.Tests.Startup;

/// <summary>
/// The schema is hand-written SQL (no EF migrations are served here), so nothing but this test keeps each
/// <see cref="DbContext"/>'s model and the migrated tables in step: every mapped table and column exists, with the
/// model's nullability and primary key, on both dialects, after the host ran every module's scripts.
/// </summary>
public sealed class SchemaMatchesModelTests
{
    [Theory]
    [MemberData(nameof(ApiHost.Providers), MemberType = typeof(ApiHost))]
    public async Task Every_model_table_and_column_exists_in_the_migrated_schema(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var services = host.Factory.Services;
        await using var engine = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        await using var domain = await services.GetRequiredService<IDbContextFactory<TechTransferDbContext>>().CreateDbContextAsync();
        using var scope = services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();

        var problems = new List<string>();
        foreach (DbContext context in new DbContext[] { engine, domain, accounts })
            problems.AddRange(await CompareAsync(context));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        // The schema is there before anything else starts: the one start-up service is the first hosted service.
        Assert.IsType<HostStartup>(services.GetServices<IHostedService>().First());
    }

    private static async Task<List<string>> CompareAsync(DbContext context)
    {
        var problems = new List<string>();
        var connection = context.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        var postgres = context.Database.ProviderName!.Contains("Npgsql", StringComparison.Ordinal);
        var name = context.GetType().Name;
        foreach (var entity in context.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && e.GetViewName() is null))
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var columns = await ColumnsAsync(connection, table.Name, postgres);
            if (columns.Count == 0)
            {
                problems.Add($"{name}: table {table.Name} ({entity.ClrType.Name}) is not in the schema");
                continue;
            }
            foreach (var property in entity.GetProperties())
            {
                var column = property.GetColumnName(table);
                if (column is null) continue;
                if (!columns.TryGetValue(column, out var info))
                    problems.Add($"{name}: {table.Name}.{column} ({entity.ClrType.Name}.{property.Name}) is not in the schema");
                else if (!property.IsNullable && info.Nullable && !info.PrimaryKey)
                    problems.Add($"{name}: {table.Name}.{column} is required in the model but nullable in the schema");
                else if (property.IsNullable && !info.Nullable)
                    problems.Add($"{name}: {table.Name}.{column} is optional in the model but NOT NULL in the schema");
            }
            var key = entity.FindPrimaryKey()?.Properties.Select(p => p.GetColumnName(table)).OrderBy(c => c, StringComparer.Ordinal).ToList();
            var schemaKey = columns.Where(c => c.Value.PrimaryKey).Select(c => c.Key).OrderBy(c => c, StringComparer.Ordinal).ToList();
            if (key is not null && !key.SequenceEqual(schemaKey))
                problems.Add($"{name}: {table.Name}'s primary key is ({string.Join(", ", key)}) in the model, ({string.Join(", ", schemaKey)}) in the schema");
        }
        return problems;
    }

    private sealed record ColumnInfo(bool Nullable, bool PrimaryKey);

    private static async Task<Dictionary<string, ColumnInfo>> ColumnsAsync(DbConnection connection, string table, bool postgres)
    {
        var columns = new Dictionary<string, ColumnInfo>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@t";
        parameter.Value = table;
        command.Parameters.Add(parameter);
        command.CommandText = postgres
            ? """
              SELECT c.column_name, c.is_nullable = 'YES',
                     EXISTS (SELECT 1 FROM information_schema.table_constraints t
                             JOIN information_schema.key_column_usage k
                               ON k.constraint_name = t.constraint_name AND k.table_schema = t.table_schema AND k.table_name = t.table_name
                             WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_name = c.table_name
                               AND t.table_schema = c.table_schema AND k.column_name = c.column_name)
              FROM information_schema.columns c
              WHERE c.table_name = @t AND c.table_schema = current_schema()
              """
            // A SQLite INTEGER PRIMARY KEY and a PRIMARY KEY column may report notnull 0; the key answers for them.
            : "SELECT name, \"notnull\" = 0, pk > 0 FROM pragma_table_info(@t)";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            columns[reader.GetString(0)] = new ColumnInfo(reader.GetBoolean(1), reader.GetBoolean(2));
        return columns;
    }
}

using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Composition;
using WorkflowHost.Identity;
using WorkflowHost.Notifications;
using Workflows.Persistence;
using Workflows.Persistence.Migrations;
using Workflows.Testing;

namespace WorkflowHost.Tests.Identity;

public sealed class AccountsMigrationTests
{
    public static TheoryData<DatabaseProvider> Providers => AccountsHost.Providers;

    [Theory, MemberData(nameof(Providers))]
    public async Task Upgrading_moves_the_old_contacts_and_groups_into_users_roles_and_committees(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        var (data, workflows) = HostFactory.NewFolders();
        var settings = new HostSettings(provider, db.ConnectionString, data, workflows);
        var notifications = new NotificationDatabase(settings);

        // The database as the release before accounts left it: the notification module's own directory, with people in it.
        await notifications.MigrateAsync(default);
        await using (var connection = WorkflowPersistence.OpenConnection(provider, db.ConnectionString))
        {
            await connection.OpenAsync();
            await Execute(connection, """
                INSERT INTO user_contacts (user_id, display_name, email, language, digest) VALUES
                    ('wang', '王老师', 'wang@example.edu', 'zh-CN', 1),
                    ('alice', 'Alice', 'alice@example.edu', 'en', 0),
                    ('alice2', 'Alice again', 'ALICE@example.edu', 'en', 0),
                    ('head', NULL, 'head@example.edu', 'fr', 0)
                """);
            await Execute(connection, """
                INSERT INTO user_groups (user_id, group_name) VALUES
                    ('wang', 'tech-manager'), ('alice', 'tech-manager'), ('head', 'office-head'), ('alice2', 'office-head')
                """);
        }

        var applied = await new AccountsDatabase(settings, notifications).MigrateAsync(default);
        Assert.Equal([1, 2, 3, 4], applied);
        await using (var connection = WorkflowPersistence.OpenConnection(provider, db.ConnectionString))
        {
            await connection.OpenAsync();
            Assert.Equal(4, await SchemaMigrator.CurrentVersionAsync(connection, null, AccountsDatabase.Module));
            await using var probe = connection.CreateCommand();
            probe.CommandText = "SELECT COUNT(*) FROM user_contacts";
            await Assert.ThrowsAnyAsync<DbException>(() => probe.ExecuteScalarAsync());
        }

        // The host on the upgraded database: the same people, in the same groups, in their languages.
        var host = new HostFactory(data, workflows, HostFactory.DatabaseSettings(db));
        await using var _ = host;
        var directory = host.Services.GetRequiredService<IUserDirectory>();
        Assert.Equal(new UserContact("wang", "王老师", "wang@example.edu", "zh-CN", Digest: true), await directory.FindAsync("wang", default));
        Assert.Equal("zh-CN", (await directory.FindAsync("head", default))!.Language); // 'fr' was never a choice
        Assert.Null(await directory.FindAsync("alice2", default)); // the same address twice: the first id keeps it
        Assert.Equal(["alice", "wang"], (await directory.MembersOfAsync("tech-manager", default)).Select(c => c.UserId));
        Assert.Equal(["head"], (await directory.MembersOfAsync(Roles.OfficeHead, default)).Select(c => c.UserId));

        // Moved users have no password until an administrator sets one.
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.LoginAsync("wang@example.edu", "")).StatusCode);
        var admin = await host.SignInAsAdminAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync("/api/v1/users/wang/password", new { newPassword = "Migrated-New-Passw0rd!" })).StatusCode);
        var wang = await host.SignInAsync("wang@example.edu", "Migrated-New-Passw0rd!");
        Assert.Equal(HttpStatusCode.OK, (await wang.GetAsync("/api/v1/me")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_fresh_database_gets_every_role_and_migrating_again_applies_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        var (data, workflows) = HostFactory.NewFolders();
        var settings = new HostSettings(provider, db.ConnectionString, data, workflows);
        var accounts = new AccountsDatabase(settings, new NotificationDatabase(settings));
        Assert.Equal([1, 2, 3, 4], await accounts.MigrateAsync(default));
        Assert.Empty(await accounts.MigrateAsync(default));
        await using var connection = WorkflowPersistence.OpenConnection(provider, db.ConnectionString);
        await connection.OpenAsync();
        await using var roles = connection.CreateCommand();
        roles.CommandText = "SELECT name FROM roles ORDER BY name";
        var names = new List<string>();
        await using (var reader = await roles.ExecuteReaderAsync())
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        Assert.Equal(Roles.All.Order(StringComparer.Ordinal), names);
    }

    private static async Task Execute(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

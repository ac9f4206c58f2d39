using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowHost.Composition;
using WorkflowHost.Identity;
using WorkflowHost.Notifications;
using Workflows.Persistence;
using Workflows.Persistence.Migrations;
using Workflows.Testing;

namespace WorkflowHost.Tests.Identity;

/// <summary>Saved inbox filters (<c>/api/v1/me/task-filters</c>, accounts migration 3) and the people picker (<c>/api/v1/people</c>).</summary>
public sealed class TaskFiltersApiTests
{
    [Theory, MemberData(nameof(AccountsHost.Providers), MemberType = typeof(AccountsHost))]
    public async Task Saved_filters_belong_to_their_owner_alone(DatabaseProvider provider)
    {
        await using var installation = await AccountsHost.CreateAsync(provider);
        var host = installation.Start();
        var (_, tina) = await host.CreateSignedInUserAsync("tina@example.edu", Roles.TechnologyManager);
        var (_, tom) = await host.CreateSignedInUserAsync("tom@example.edu", Roles.TechnologyManager);

        var saved = await tina.PostAsJsonAsync("/api/v1/me/task-filters", new { name = "挂牌案件", query = "?var.pricingMethod=listing&sort=followUp" });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var filter = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("var.pricingMethod=listing&sort=followUp", filter.GetProperty("query").GetString());
        var id = filter.GetProperty("id").GetGuid();
        // The same name again replaces its query.
        Assert.Equal(HttpStatusCode.Created, (await tina.PostAsJsonAsync("/api/v1/me/task-filters", new { name = "挂牌案件", query = "var.pricingMethod=listing&overdue=true" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await tina.PostAsJsonAsync("/api/v1/me/task-filters", new { name = "All", query = "" })).StatusCode);

        var list = await tina.GetFromJsonAsync<JsonElement>("/api/v1/me/task-filters");
        Assert.Equal(["All", "挂牌案件"], list.EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.Equal("var.pricingMethod=listing&overdue=true", list.EnumerateArray().Single(f => f.GetProperty("id").GetGuid() == id).GetProperty("query").GetString());

        // Tom sees none of them and cannot delete hers.
        Assert.Empty((await tom.GetFromJsonAsync<JsonElement>("/api/v1/me/task-filters")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await tom.DeleteAsync($"/api/v1/me/task-filters/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await tina.DeleteAsync($"/api/v1/me/task-filters/{id}")).StatusCode);
        Assert.Equal(["All"], (await tina.GetFromJsonAsync<JsonElement>("/api/v1/me/task-filters")).EnumerateArray().Select(f => f.GetProperty("name").GetString()));

        // Bad input names its field.
        var bad = await tina.PostAsJsonAsync("/api/v1/me/task-filters", new { name = " ", query = new string('x', 2001) });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("query", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().GetAsync("/api/v1/me/task-filters")).StatusCode);
    }

    [Theory, MemberData(nameof(AccountsHost.Providers), MemberType = typeof(AccountsHost))]
    public async Task Upgrading_an_accounts_schema_of_version_2_keeps_its_users_and_adds_saved_filters(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        var (data, workflows) = HostFactory.NewFolders();
        var settings = new HostSettings(provider, db.ConnectionString, data, workflows);
        var accounts = new AccountsDatabase(settings, new NotificationDatabase(settings));
        // A user made on the current schema, then the schema taken back to version 2 (no saved filters, no sessions), user kept.
        var first = new HostFactory(data, workflows, HostFactory.DatabaseSettings(db));
        await using (first) await first.CreateUserAsync("tina@example.edu", Roles.TechnologyManager);
        await using (var connection = WorkflowPersistence.OpenConnection(provider, db.ConnectionString))
        {
            await connection.OpenAsync();
            await Execute(connection, "DROP TABLE token_families");
            await Execute(connection, "ALTER TABLE users DROP COLUMN must_change_password");
            await Execute(connection, "DROP TABLE user_task_filters");
            await Execute(connection, $"DELETE FROM schema_migrations WHERE module = '{AccountsDatabase.Module}' AND version >= 3");
            Assert.Equal(2, await SchemaMigrator.CurrentVersionAsync(connection, null, AccountsDatabase.Module));
        }

        Assert.Equal([3, 4], await accounts.MigrateAsync(default));
        var again = new HostFactory(data, workflows, HostFactory.DatabaseSettings(db));
        await using var _ = again;
        var client = await again.SignInAsync("tina@example.edu", TestUsers.DefaultPassword);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/me/task-filters", new { name = "Mine", query = "sort=due" })).StatusCode);
        Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/v1/me/task-filters")).EnumerateArray());
    }

    [Fact]
    public async Task The_people_picker_finds_people_by_name_with_id_and_name_only()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var host = installation.Start();
        var (_, manager) = await host.CreateSignedInUserAsync("li.manager@example.edu", Roles.TechnologyManager);
        var colleague = await host.CreateUserAsync("li.colleague@example.edu", Roles.TechnologyManager);
        await host.CreateUserAsync("li.inventor@example.edu", Roles.Inventor);
        var (_, inventor) = await host.CreateSignedInUserAsync("wu@example.edu", Roles.Inventor);

        var found = await manager.GetFromJsonAsync<JsonElement>("/api/v1/people?q=LI.&role=technology-manager");
        Assert.Equal(["li.colleague", "li.manager"], found.EnumerateArray().Select(p => p.GetProperty("displayName").GetString()));
        var first = found.EnumerateArray().First();
        Assert.Equal(colleague.Id, first.GetProperty("id").GetString());
        Assert.Equal(["displayName", "id"], first.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(3, (await manager.GetFromJsonAsync<JsonElement>("/api/v1/people?q=li.")).GetArrayLength());

        Assert.Equal(HttpStatusCode.Forbidden, (await inventor.GetAsync("/api/v1/people?q=li")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync("/api/v1/people?q=li&role=astronaut")).StatusCode);
    }

    private static async Task Execute(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

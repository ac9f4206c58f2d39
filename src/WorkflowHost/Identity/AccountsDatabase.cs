using WorkflowHost.Composition;
using WorkflowHost.Notifications;
using Workflows.Persistence;
using Workflows.Persistence.Migrations;

namespace WorkflowHost.Identity;

/// <summary>The accounts tables, as their own module ("accounts") of the versioned SQL migrations.</summary>
public sealed class AccountsDatabase(HostSettings settings, NotificationDatabase notifications)
{
    public const string Module = "accounts";
    private const string ScriptPrefix = "WorkflowHost.Identity.Migrations";

    /// <summary>
    /// Brings the accounts schema up to date. The notification module goes first: accounts' script 2 moves its
    /// old user_contacts / user_groups rows into users, roles and committees (migrating a module twice is harmless).
    /// </summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken ct)
    {
        await notifications.MigrateAsync(ct);
        await using var connection = WorkflowPersistence.OpenConnection(settings.Provider, settings.ConnectionString);
        await connection.OpenAsync(ct);
        return await SchemaMigrator.ApplyAsync(connection, settings.Provider, typeof(AccountsDatabase).Assembly, ScriptPrefix, Module, ct);
    }
}

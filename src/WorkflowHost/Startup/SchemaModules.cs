using TechTransfer.Persistence;
using WorkflowHost.Forms;
using WorkflowHost.Identity;
using WorkflowHost.Notifications;
using Workflows.Persistence;

namespace WorkflowHost.Startup;

/// <summary>
/// Every schema module of the host's database, in the order <see cref="HostStartup"/> migrates them. A new module's
/// tables: its scripts under its own prefix, its database type with a <c>MigrateAsync</c>, and one line here.
/// </summary>
public static class SchemaModules
{
    public static IReadOnlyList<SchemaModule> InOrder { get; } =
    [
        // Before accounts: accounts' script 2 moves the notifications module's old user_contacts / user_groups rows.
        new(NotificationDatabase.Module, (sp, ct) => sp.GetRequiredService<NotificationDatabase>().MigrateAsync(ct)),
        // Before anything reads users, or Data Protection reads its key ring (the keys table).
        new(AccountsDatabase.Module, (sp, ct) => sp.GetRequiredService<AccountsDatabase>().MigrateAsync(ct)),
        new(FormStore.Module, (sp, ct) => sp.GetRequiredService<FormStore>().MigrateAsync(ct)),
        // Before the engine's: the domain's tables exist before any of its service tasks can run.
        new(TechTransferDatabase.Module, (sp, ct) => sp.GetRequiredService<TechTransferDatabase>().MigrateAsync(ct)),
        new(WorkflowPersistence.Module, (sp, ct) => sp.GetRequiredService<WorkflowDatabase>().MigrateAsync(ct)),
    ];
}

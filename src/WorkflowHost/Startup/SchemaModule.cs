namespace WorkflowHost.Startup;

/// <summary>One module's tables (its own rows of <c>schema_migrations</c>), brought up to date at start-up by <see cref="HostStartup"/>.</summary>
/// <param name="Name">The module's name in <c>schema_migrations</c>.</param>
/// <param name="MigrateAsync">Applies the module's scripts not applied yet.</param>
public sealed record SchemaModule(string Name, Func<IServiceProvider, CancellationToken, Task> MigrateAsync);

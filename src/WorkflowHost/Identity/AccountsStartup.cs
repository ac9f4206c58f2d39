using Microsoft.AspNetCore.Identity;

namespace WorkflowHost.Identity;

/// <summary>
/// Before anything reads users: the accounts schema, every role of <see cref="Roles.All"/>, and the first administrator.
/// Registered before the notification services, which read the user directory.
/// </summary>
public sealed class AccountsStartup(IServiceScopeFactory scopes, AccountsDatabase database, ILogger<AccountsStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var applied = await database.MigrateAsync(ct);
        if (applied.Count > 0) logger.LogInformation("Accounts schema migrated to version {Version}", applied[^1]);
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var name in Roles.All)
        {
            if (await roles.RoleExistsAsync(name)) continue;
            IdentityResult result;
            try
            {
                result = await roles.CreateAsync(new IdentityRole(name) { Id = name });
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                if (await roles.RoleExistsAsync(name)) continue; // another host starting at the same moment created it
                throw;
            }
            if (!result.Succeeded) throw new InvalidOperationException($"Role {name}: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        await scope.ServiceProvider.GetRequiredService<BootstrapAdministrator>().EnsureAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

using Microsoft.AspNetCore.Identity;

namespace WorkflowHost.Identity;

/// <summary>
/// Before anything reads users (run by <c>HostStartup</c> once the schema is up to date): every role of
/// <see cref="Roles.All"/>, and the first administrator.
/// </summary>
public sealed class AccountsStartup(IServiceScopeFactory scopes)
{
    public async Task RunAsync(CancellationToken ct)
    {
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
}

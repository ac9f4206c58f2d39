using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace WorkflowHost.Identity;

/// <summary>
/// Makes sure someone can administer a new installation. With <c>Bootstrap:AdminEmail</c> set, that user is
/// created (password from <c>Bootstrap:AdminPassword</c>, or random and printed) unless it exists. Without it,
/// and only while the database has no user at all, <c>admin@localhost</c> is created with a random password that
/// is printed once to the console and the log; the next start finds a user and prints nothing.
/// An existing user's password is never changed here.
/// </summary>
public sealed class BootstrapAdministrator(
    UserManager<ApplicationUser> users, IOptions<BootstrapOptions> options, ILogger<BootstrapAdministrator> logger)
{
    public async Task EnsureAsync(CancellationToken ct)
    {
        var configured = options.Value.AdminEmail is { Length: > 0 } e ? e.Trim() : null;
        if (configured is null && await users.Users.AnyAsync(ct)) return;
        var email = configured ?? BootstrapOptions.DefaultAdminEmail;
        if (await users.FindByEmailAsync(email) is not null) return;

        var password = options.Value.AdminPassword is { Length: > 0 } p ? p : null;
        var generated = password is null;
        password ??= PasswordGenerator.Generate();
        var admin = new ApplicationUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Administrator", Language = Languages.English,
        };
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(admin, password);
        }
        catch (DbUpdateException)
        {
            if (await users.FindByEmailAsync(email) is not null) return; // another host of the cluster, starting at the same moment, created it
            throw;
        }
        if (!created.Succeeded)
            throw new InvalidOperationException($"The first administrator ({email}) could not be created: " +
                string.Join(" ", created.Errors.Select(x => x.Description)) + " Check Bootstrap:AdminEmail and Bootstrap:AdminPassword.");
        var role = await users.AddToRoleAsync(admin, Roles.SystemAdministrator);
        if (!role.Succeeded) throw new InvalidOperationException(string.Join(" ", role.Errors.Select(x => x.Description)));

        if (generated)
        {
            // Shown once: the next start finds this user and creates nobody.
            var message = $"First administrator created: {email} with password {password} (shown only now; change it after signing in).";
            logger.LogWarning("First administrator created: {Email} with password {Password} (shown only now; change it after signing in).", email, password);
            Console.WriteLine(message);
        }
        else logger.LogInformation("First administrator {Email} created from configuration", email);
    }
}

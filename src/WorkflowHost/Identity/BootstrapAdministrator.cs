using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHost.Notifications;

namespace WorkflowHost.Identity;

/// <summary>
/// Makes sure someone can administer a new installation. With <c>Bootstrap:AdminEmail</c> set, that user is
/// created (password from <c>Bootstrap:AdminPassword</c>, or random and printed) unless it exists. Without it,
/// and only while the database has no user at all, <c>admin@localhost</c> is created with a random password.
/// A random password is printed once, to the console only (<see cref="OperatorConsole"/>, never through the logger,
/// whose output collectors keep), and must be replaced at the first sign-in (<see cref="ApplicationUser.MustChangePassword"/>);
/// the next start finds a user and prints nothing. An existing user's password is never changed here.
/// </summary>
public sealed class BootstrapAdministrator(
    UserManager<ApplicationUser> users, IOptions<BootstrapOptions> options, IOptions<NotificationOptions> installation, OperatorConsole console,
    ILogger<BootstrapAdministrator> logger)
{
    public async Task EnsureAsync(CancellationToken ct)
    {
        var configured = options.Value.AdminEmail is { Length: > 0 } e ? e.Trim() : null;
        if (configured is null && await users.Users.AnyAsync(ct)) return;
        var email = configured ?? BootstrapOptions.DefaultAdminEmail;
        if (await users.FindByEmailAsync(email) is not null) return;

        var configuredPassword = options.Value.AdminPassword is { Length: > 0 } p ? p : null;
        var generated = configuredPassword is null;
        // The installation's language (Chinese unless configured otherwise), as every other user gets by default.
        var language = Languages.Normalize(options.Value.AdminLanguage) ?? Languages.Normalize(installation.Value.DefaultLanguage) ?? Languages.Chinese;
        var admin = new ApplicationUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = language == Languages.Chinese ? "系统管理员" : "Administrator",
            Language = language,
            MustChangePassword = generated,
        };
        var password = configuredPassword ?? await GenerateAsync(admin);
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
            console.WriteLine($"First administrator created: {email} with password {password} (shown only now; you choose a new one at the first sign-in).");
            logger.LogWarning("First administrator {Email} created with a generated password, shown once on the console (not in the log); it must be changed at the first sign-in", email);
        }
        else logger.LogInformation("First administrator {Email} created from configuration", email);
    }

    /// <summary>A random password that passes every password rule (one that, by chance, holds the email's name would not).</summary>
    private async Task<string> GenerateAsync(ApplicationUser admin)
    {
        while (true)
        {
            var candidate = PasswordGenerator.Generate();
            var valid = true;
            foreach (var validator in users.PasswordValidators)
                valid &= (await validator.ValidateAsync(users, admin, candidate)).Succeeded;
            if (valid) return candidate;
        }
    }
}

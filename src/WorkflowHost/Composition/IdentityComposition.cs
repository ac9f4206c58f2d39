using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Identity;
using WorkflowHost.Identity.Passwords;
using WorkflowHost.Identity.Sessions;
using WorkflowHost.Identity.SignIn;
using WorkflowHost.Notifications;
using Workflows.Persistence;

namespace WorkflowHost.Composition;

public static class IdentityComposition
{
    /// <summary>
    /// ASP.NET Core Identity on the application's database: users (<see cref="ApplicationUser"/>), the roles of
    /// <see cref="Roles.All"/>, committees, strong passwords (Identity's character rules and <see cref="PasswordPolicyValidator"/>),
    /// sign-in with lockout (<see cref="PasswordSignIn"/>), sessions that end when they must (<see cref="AccountSessions"/>,
    /// refresh-token families), the first administrator, and the user directory the notifications read.
    /// Defaults below; the <c>Identity</c> configuration section (IdentityOptions) may tighten them, <c>Sessions</c> sets lifetimes.
    /// </summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, HostSettings settings, IConfiguration configuration)
    {
        services.AddDbContext<AccountsDbContext>(o =>
        {
            if (settings.Provider == DatabaseProvider.Sqlite) o.UseSqlite(settings.ConnectionString);
            else o.UseNpgsql(settings.ConnectionString);
        });
        services.AddIdentityCore<ApplicationUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = true;
                o.Password.RequiredUniqueChars = 5;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.SignIn.RequireConfirmedAccount = false; // administrators create accounts; there is no self-registration
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddUserManager<HostClockUserManager>() // lockout on the host's clock
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddPasswordValidator<PasswordPolicyValidator>();
        services.AddSingleton<CommonPasswords>();
        services.AddLocalization(); // the describer's and the account service's messages (Localization/AccountText*.resx)
        // Bearer tokens and cookies are protected with keys kept in the database, so every host of a cluster reads
        // the others' tokens and a restart (or a fresh container) does not sign everyone out.
        services.AddDataProtection().SetApplicationName("WorkflowHost").PersistKeysToDbContext<AccountsDbContext>();
        services.Configure<IdentityOptions>(configuration.GetSection("Identity"));
        services.Configure<BootstrapOptions>(configuration.GetSection(BootstrapOptions.Section));
        services.Configure<AccountSessionOptions>(configuration.GetSection(AccountSessionOptions.Section));
        services.AddSingleton(new OperatorConsole(Console.Out));
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton<RecognisedClients>();
        services.AddScoped<TokenFamilies>();
        services.AddScoped<AccountSessions>();
        services.AddSingleton<AccountsDatabase>();
        services.AddScoped<BootstrapAdministrator>();
        services.AddScoped<CommitteeService>();
        services.AddScoped<UserAccountService>();
        services.AddSingleton<IUserDirectory, IdentityUserDirectory>();
        services.AddSingleton<AccountsStartup>();
        return services;
    }
}

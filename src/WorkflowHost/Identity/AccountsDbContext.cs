using System.Text;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace WorkflowHost.Identity;

/// <summary>
/// Identity's users, roles, claims, logins and tokens, the committees, and the data-protection keys that sign bearer
/// tokens and cookies (shared by every host on the database), in the application's own database.
/// Tables and columns are snake_case like the rest of the schema; the tables are created by the versioned SQL
/// scripts in <c>Identity/Migrations</c> (the one migration mechanism), not by EF migrations.
/// </summary>
public sealed class AccountsDbContext(DbContextOptions<AccountsDbContext> options)
    : IdentityDbContext<ApplicationUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Committee> Committees => Set<Committee>();
    public DbSet<CommitteeMember> CommitteeMembers => Set<CommitteeMember>();
    public DbSet<UserTaskFilter> TaskFilters => Set<UserTaskFilter>();
    public DbSet<Sessions.TokenFamily> TokenFamilies => Set<Sessions.TokenFamily>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<ApplicationUser>(u =>
        {
            u.ToTable("users");
            u.Property(x => x.DisplayName).HasMaxLength(200);
            u.Property(x => x.Language).HasMaxLength(10).IsRequired();
            u.Property(x => x.Digest).HasConversion<int>();
        });
        builder.Entity<IdentityRole>().ToTable("roles");
        builder.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        builder.Entity<Committee>(c =>
        {
            c.ToTable("committees");
            c.HasKey(x => x.Code);
            c.Property(x => x.Code).HasMaxLength(50);
            c.Property(x => x.Name).HasMaxLength(200).IsRequired();
        });
        builder.Entity<CommitteeMember>(m =>
        {
            m.ToTable("committee_members");
            m.HasKey(x => new { x.CommitteeCode, x.UserId });
            m.HasOne(x => x.Committee).WithMany(c => c.Members).HasForeignKey(x => x.CommitteeCode).OnDelete(DeleteBehavior.Cascade);
            m.HasOne(x => x.User).WithMany(u => u.Committees).HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            m.HasIndex(x => x.UserId);
            // The database itself allows one chair per committee.
            m.HasIndex(x => x.CommitteeCode).IsUnique().HasFilter("is_chair = TRUE").HasDatabaseName("ux_committee_members_chair");
        });
        builder.Entity<UserTaskFilter>(f =>
        {
            f.ToTable("user_task_filters");
            f.Property(x => x.Name).HasMaxLength(UserTaskFilters.MaxNameLength);
            f.Property(x => x.Query).HasMaxLength(UserTaskFilters.MaxQueryLength);
            f.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            f.HasIndex(x => new { x.UserId, x.Name }).IsUnique().HasDatabaseName("ux_user_task_filters_user_name");
        });
        builder.Entity<Sessions.TokenFamily>(f =>
        {
            f.ToTable("token_families");
            f.Property(x => x.RevokedReason).HasMaxLength(50);
            f.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            f.HasIndex(x => x.UserId);
        });

        foreach (var entity in builder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties()) property.SetColumnName(SnakeCase(property.Name));
            foreach (var key in entity.GetKeys()) key.SetName("pk_" + entity.GetTableName() + (key.IsPrimaryKey() ? "" : "_" + string.Join("_", key.Properties.Select(p => SnakeCase(p.Name)))));
            foreach (var fk in entity.GetForeignKeys())
                fk.SetConstraintName($"fk_{entity.GetTableName()}_{fk.PrincipalEntityType.GetTableName()}_{string.Join("_", fk.Properties.Select(p => SnakeCase(p.Name)))}");
            foreach (var index in entity.GetIndexes().Where(i => i.GetDatabaseName() is { } n && !n.StartsWith("ux_", StringComparison.Ordinal)))
                index.SetDatabaseName($"ix_{entity.GetTableName()}_{string.Join("_", index.Properties.Select(p => SnakeCase(p.Name)))}");
        }
    }

    private static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && !char.IsUpper(name[i - 1])) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}

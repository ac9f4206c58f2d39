using System.Text;
using Microsoft.EntityFrameworkCore;
using Workflows.Persistence.Rows;

namespace Workflows.Persistence;

/// <summary>The engine's tables. The schema itself comes from the versioned SQL scripts in Migrations/, not from EF.</summary>
public sealed class WorkflowDbContext(DbContextOptions<WorkflowDbContext> options) : DbContext(options)
{
    public DbSet<DefinitionRow> Definitions => Set<DefinitionRow>();
    public DbSet<InstanceRow> Instances => Set<InstanceRow>();
    public DbSet<TaskRow> Tasks => Set<TaskRow>();
    public DbSet<BookmarkRow> Bookmarks => Set<BookmarkRow>();
    public DbSet<HistoryRow> History => Set<HistoryRow>();
    public DbSet<IncidentRow> Incidents => Set<IncidentRow>();
    public DbSet<OutboxRow> Outbox => Set<OutboxRow>();
    public DbSet<VariableRow> Variables => Set<VariableRow>();
    public DbSet<TaskCandidateRow> TaskCandidates => Set<TaskCandidateRow>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<DefinitionRow>().ToTable("wf_definitions");
        b.Entity<InstanceRow>().ToTable("wf_instances");
        b.Entity<TaskRow>().ToTable("wf_tasks");
        b.Entity<BookmarkRow>().ToTable("wf_bookmarks");
        b.Entity<HistoryRow>().ToTable("wf_history").Property(h => h.Id).ValueGeneratedOnAdd();
        b.Entity<IncidentRow>().ToTable("wf_incidents");
        b.Entity<OutboxRow>().ToTable("wf_outbox");
        b.Entity<VariableRow>().ToTable("wf_variables").HasKey(v => new { v.Name, v.Value, v.InstanceId });
        b.Entity<TaskCandidateRow>().ToTable("wf_task_candidates").HasKey(c => new { c.Candidate, c.TaskId });
        foreach (var entity in b.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
                property.SetColumnName(SnakeCase(property.Name));
    }

    internal static string SnakeCase(string name)
    {
        var s = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) s.Append('_');
            s.Append(char.ToLowerInvariant(name[i]));
        }
        return s.ToString();
    }
}

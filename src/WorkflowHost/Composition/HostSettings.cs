using Workflows.Persistence;

namespace WorkflowHost.Composition;

/// <summary>
/// Where the host keeps its data and finds its workflows, read once from configuration. The data folder and a SQLite
/// database file are made private to the host's user here, before anything opens them (<see cref="OwnerOnlyFiles"/>).
/// </summary>
public sealed record HostSettings(DatabaseProvider Provider, string ConnectionString, string DataPath, string WorkflowsPath)
{
    public static HostSettings From(IConfiguration configuration, IHostEnvironment environment)
    {
        var dataPath = Path.GetFullPath(configuration["Storage:DataPath"] ?? "App_Data", environment.ContentRootPath);
        Private("Storage:DataPath", dataPath, () => OwnerOnlyFiles.CreateFolder(dataPath));
        var provider = Enum.TryParse<DatabaseProvider>(configuration["Database:Provider"] ?? "Sqlite", ignoreCase: true, out var p)
            ? p
            : throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{configuration["Database:Provider"]}'.");
        var connectionString = configuration.GetConnectionString("Workflows") is { Length: > 0 } cs
            ? cs
            : provider == DatabaseProvider.Sqlite
                ? WorkflowPersistence.SqliteConnectionString(Path.Combine(dataPath, "workflows.db"))
                : throw new InvalidOperationException("ConnectionStrings:Workflows is required with Database:Provider=Postgres.");
        if (provider == DatabaseProvider.Sqlite)
            Private("ConnectionStrings:Workflows", connectionString, () => OwnerOnlyFiles.PrepareSqliteFile(connectionString));
        var workflows = configuration["Workflows:Path"] is { Length: > 0 } w
            ? Path.GetFullPath(w, environment.ContentRootPath)
            : FindWorkflowsFolder(environment.ContentRootPath);
        return new HostSettings(provider, connectionString, dataPath, workflows);
    }

    private static void Private(string key, string what, Action make)
    {
        try
        {
            make();
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InvalidOperationException(
                $"{key}: the host cannot make '{what}' private to its user (folders 0700, files 0600); the user the host runs as must own it. {e.Message}", e);
        }
    }

    /// <summary>The repository's workflows/ folder above the content root, or the copy beside the binaries.</summary>
    private static string FindWorkflowsFolder(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "workflows");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "WorkflowHost.sln"))) return candidate;
        }
        return Path.Combine(AppContext.BaseDirectory, "workflows");
    }
}

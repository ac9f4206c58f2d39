namespace Workflows.Persistence;

public enum DatabaseProvider { Sqlite, Postgres }

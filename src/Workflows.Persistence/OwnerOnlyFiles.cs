using Microsoft.Data.Sqlite;

namespace Workflows.Persistence;

/// <summary>
/// Files and folders that only the host's own user may read (doc/security.md, "Files at rest"): on Unix, folders 0700
/// and files 0600, set explicitly after creating them, so the process's umask (often 022, giving 0755 and 0644)
/// neither loosens nor narrows them. The data folder holds the SQLite database (password hashes, the data-protection
/// keys, every case), attachments and the email pickup folder. On Windows the folder's inherited ACL applies.
/// </summary>
public static class OwnerOnlyFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder (and missing parents) if needed, and makes the folder itself 0700.</summary>
    public static string CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return path;
        }
        Directory.CreateDirectory(path, FolderMode);
        File.SetUnixFileMode(path, FolderMode);
        return path;
    }

    /// <summary>A new file (it must not exist), 0600 from its first byte.</summary>
    public static FileStream CreateNew(string path, FileAccess access = FileAccess.Write, FileOptions options = FileOptions.None, int bufferSize = 4096)
    {
        var settings = new FileStreamOptions
        {
            Mode = System.IO.FileMode.CreateNew, Access = access, Share = FileShare.None, Options = options, BufferSize = bufferSize,
        };
        if (OperatingSystem.IsWindows()) return new FileStream(path, settings);
        settings.UnixCreateMode = FileMode;
        var stream = new FileStream(path, settings);
        File.SetUnixFileMode(stream.SafeFileHandle, FileMode);
        return stream;
    }

    /// <summary>Makes an existing file 0600 (no-op when it does not exist).</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path)) File.SetUnixFileMode(path, FileMode);
    }

    /// <summary>
    /// Before SQLite opens a database file: its folder exists (0700 when created here), the file exists and is 0600,
    /// and so are its journal files. SQLite creates <c>-wal</c> and <c>-shm</c> with the database file's own mode, so
    /// they are 0600 too. An existing installation's files are tightened at its next start.
    /// </summary>
    public static void PrepareSqliteFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var path = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory || path.Length == 0 || path == ":memory:" || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return;
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder)) CreateFolder(folder);
        if (!File.Exists(full))
        {
            try
            {
                CreateNew(full).Dispose(); // an empty file is an empty SQLite database
            }
            catch (IOException) when (File.Exists(full)) { } // another host of the same installation made it first
        }
        foreach (var file in new[] { full, full + "-wal", full + "-shm", full + "-journal" }) Restrict(file);
    }
}

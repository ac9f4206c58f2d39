using System.Text;
using System.Text.Json;
using Workflows.Engine.Contracts;

namespace Workflows.Persistence.Sealing;

/// <summary>
/// The copy of the chains' signed checkpoints that lives outside the database: an append-only file of JSON lines
/// (default <c>checkpoints/evidence.jsonl</c> and <c>checkpoints/history.jsonl</c> in the data folder; point it at other storage, a write-once mount or a
/// folder that is shipped away, so that whoever can change the database cannot also change this). A chain in the
/// database that is shorter than its last checkpoint here lost entries; one whose entry differs from the checkpoint's
/// head was rewritten. Lines are only ever appended, each whole with its newline, so several hosts may share the file.
/// </summary>
public sealed class CheckpointJournal(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly object _gate = new();

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>Appends the checkpoints (after the commit that made them: a rolled-back step must leave no line);
    /// <paramref name="durable"/>: synced to disk before returning.</summary>
    public void Append(IEnumerable<SignedCheckpoint> checkpoints, bool durable = true)
    {
        var text = new StringBuilder();
        foreach (var c in checkpoints) text.Append(JsonSerializer.Serialize(c, Json)).Append('\n');
        if (text.Length == 0) return;
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        lock (_gate)
        {
            if (!File.Exists(Path))
            {
                OwnerOnlyFiles.CreateFolder(System.IO.Path.GetDirectoryName(Path)!);
                try { OwnerOnlyFiles.CreateNew(Path).Dispose(); }
                catch (IOException) when (File.Exists(Path)) { } // another host made it first
            }
            using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            file.Write(bytes);
            file.Flush(flushToDisk: durable);
        }
    }

    /// <summary>
    /// The furthest checkpoint of the chain that this seal signed (none when the file has none), and the lines of the
    /// chain whose signature is not this seal's (a forged or edited line).
    /// </summary>
    public JournalReading Read(string chain, IRecordSeal seal)
    {
        SignedCheckpoint? furthest = null;
        var forged = 0;
        if (!File.Exists(Path)) return new(null, 0);
        using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(file, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (!line.Contains(chain, StringComparison.Ordinal)) continue;
            SignedCheckpoint? c;
            try { c = JsonSerializer.Deserialize<SignedCheckpoint>(line, Json); }
            catch (JsonException) { forged++; continue; }
            if (c is null || c.Chain != chain) continue;
            if (!seal.Verify(c.Checkpoint, c.Signature)) { forged++; continue; }
            if (furthest is null || c.Entries > furthest.Entries) furthest = c;
        }
        return new(furthest, forged);
    }
}

/// <summary>One line of the journal: a chain's head, when it was reached, and the seal's signature over it.</summary>
public sealed record SignedCheckpoint(string Chain, long Entries, string Head, DateTimeOffset At, string Key, string Signature)
{
    public ChainCheckpoint Checkpoint => new(Chain, Entries, Head);

    public static SignedCheckpoint Of(ChainCheckpoint checkpoint, DateTimeOffset at, IRecordSeal seal) =>
        new(checkpoint.Chain, checkpoint.Entries, checkpoint.Head, at, seal.KeyId, seal.Sign(checkpoint));
}

/// <summary>What the journal holds for one chain.</summary>
public sealed record JournalReading(SignedCheckpoint? Furthest, int ForgedLines);

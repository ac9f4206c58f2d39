namespace Workflows.Persistence.Sealing;

/// <summary>Where the record seal's key and the checkpoint journal live unless configured (<c>Sealing:KeyFile</c>,
/// <c>Sealing:CheckpointFolder</c>): relative to the data folder.</summary>
public static class RecordSealFiles
{
    public const string DefaultKeyFile = "keys/record-seal.pem";
    public const string DefaultCheckpointFolder = "checkpoints";
    /// <summary>The evidence chains' journal and the engine histories' journal (one line per step, so kept apart).</summary>
    public const string EvidenceJournal = "evidence.jsonl";
    public const string HistoryJournal = "history.jsonl";
}

namespace Workflows.Persistence.Sealing;

/// <summary>Where the record seal's key and the checkpoint journal live unless configured (<c>Sealing:KeyFile</c>,
/// <c>Sealing:CheckpointFile</c>): relative to the data folder.</summary>
public static class RecordSealFiles
{
    public const string DefaultKeyFile = "keys/record-seal.pem";
    public const string DefaultCheckpointFile = "checkpoints/checkpoints.jsonl";
}

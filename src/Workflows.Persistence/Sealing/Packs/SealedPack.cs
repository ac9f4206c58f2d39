using System.Text.Json;

namespace Workflows.Persistence.Sealing.Packs;

/// <summary>
/// The layout of an exported evidence pack, one ZIP per case, shared by the host that writes it and <c>wf evidence
/// verify</c> that checks it offline:
/// <list type="bullet">
/// <item><c>manifest.json</c>: <see cref="PackManifest"/>, every other file with its SHA-256;</item>
/// <item><c>seal.json</c>: the record seal's signature over the manifest's SHA-256 at export (a <see cref="SignedCheckpoint"/>
/// of the chain <c>evidence-pack/&lt;subject&gt;</c>: entries = the pack's entries, head = the manifest's hash);</item>
/// <item><c>entries.json</c>: the chain's entries exactly as signed (<see cref="PackEntry"/>);</item>
/// <item><c>checkpoint.json</c>: the chain's furthest signed checkpoint outside the database at export;</item>
/// <item><c>public-key.pem</c>: the seal's public key (informative: the auditor checks with the key they hold);</item>
/// <item><c>attachments/index.json</c> and <c>attachments/NNN-name</c>: the stored documents, each with its SHA-256;</item>
/// <item>the readable report (<c>evidence-pack.zh-CN.pdf</c> or <c>evidence-pack.en.pdf</c>).</item>
/// </list>
/// </summary>
public static class SealedPack
{
    public const string Format = "wf-evidence-pack-v1";
    public const string Manifest = "manifest.json";
    public const string Seal = "seal.json";
    public const string Entries = "entries.json";
    public const string Checkpoint = "checkpoint.json";
    public const string PublicKey = "public-key.pem";
    public const string AttachmentIndex = "attachments/index.json";
    public const string AttachmentFolder = "attachments/";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The name the export's signature is made under: never an evidence chain, so never taken for one's checkpoint.</summary>
    public static string SealChainOf(Guid subject) => "evidence-pack/" + subject.ToString("N");

    /// <summary>The readable report's file name in the pack.</summary>
    public static string ReportOf(string language) => $"evidence-pack.{language}.pdf";
}

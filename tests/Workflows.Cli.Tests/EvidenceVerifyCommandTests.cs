using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Workflows.Engine.Contracts;
using Workflows.Persistence.Sealing;
using Workflows.Persistence.Sealing.Packs;

namespace Workflows.Cli.Tests;

/// <summary>
/// <c>wf evidence verify</c> on a pack written by the same format the host exports with (the host's own packs, and every
/// tampering of them, are in WorkflowHost.Tests' EvidencePackExportTests): exit 0 when intact, 1 naming the first problem,
/// 2 on a usage error.
/// </summary>
public sealed class EvidenceVerifyCommandTests
{
    private static readonly Guid Case = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff");
    private const string Contract = "技术许可合同 / licence contract";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "wf-cli-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task An_intact_pack_exits_0_and_names_the_case_and_its_head()
    {
        var (pack, key) = await PackAsync();
        var (exit, output, error) = await Run("evidence", "verify", pack, "--key", key);
        Assert.True(exit == 0, error);
        Assert.Contains("intact. Case TT-2026-0007", output);
        Assert.Contains("3 entries", output);
        Assert.Contains("1 attachment(s)", output);
    }

    [Fact]
    public async Task The_key_may_be_the_record_seal_endpoint_s_json_saved_as_it_is()
    {
        var (pack, key) = await PackAsync();
        var json = Path.Combine(_dir, "record-seal.json");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new { keyId = "x", algorithm = "Ed25519", publicKeyPem = await File.ReadAllTextAsync(key) }));
        Assert.Equal(0, (await Run("evidence", "verify", pack, "--key", json)).Exit);
    }

    [Fact]
    public async Task An_entry_edited_in_the_pack_exits_1_naming_the_file()
    {
        var (pack, key) = await PackAsync();
        Rewrite(pack, SealedPack.Entries, text => text.Replace("\"actor\": \"alice\"", "\"actor\": \"mallory\""));
        var (exit, _, error) = await Run("evidence", "verify", pack, "--key", key);
        Assert.Equal(1, exit);
        Assert.Contains("REFUSED: entries.json: its SHA-256 is", error);
    }

    [Fact]
    public async Task Another_key_than_the_seal_s_is_refused_by_its_fingerprint()
    {
        var (pack, _) = await PackAsync();
        using var other = Ed25519RecordSeal.LoadOrCreate(Path.Combine(_dir, "other.pem"));
        var otherPublic = Path.Combine(_dir, "other.pub.pem");
        await File.WriteAllTextAsync(otherPublic, other.PublicKeyPem);
        var (exit, _, error) = await Run("evidence", "verify", pack, "--key", otherPublic);
        Assert.Equal(1, exit);
        Assert.Contains($"not with the given key {other.KeyId}", error);
    }

    [Fact]
    public async Task A_missing_key_a_bad_key_and_a_file_that_is_no_zip_are_named()
    {
        var (pack, key) = await PackAsync();
        var (exit, _, error) = await Run("evidence", "verify", pack);
        Assert.Equal(2, exit);
        Assert.Contains("--key PUBLIC.pem", error);
        Assert.Equal(2, (await Run("evidence", "check", pack)).Exit);

        var bad = Path.Combine(_dir, "bad.pem");
        await File.WriteAllTextAsync(bad, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        (exit, _, error) = await Run("evidence", "verify", pack, "--key", bad);
        Assert.Equal(1, exit);
        Assert.Contains("not an Ed25519 public key", error);

        var notZip = Path.Combine(_dir, "pack.txt");
        await File.WriteAllTextAsync(notZip, "hello");
        (exit, _, error) = await Run("evidence", "verify", notZip, "--key", key);
        Assert.Equal(1, exit);
        Assert.Contains("not a ZIP file", error);
        (exit, _, error) = await Run("evidence", "verify", Path.Combine(_dir, "absent.zip"), "--key", key);
        Assert.Equal(1, exit);
        Assert.Contains("cannot read the pack", error);
    }

    /// <summary>A case of three entries (the last records the attachment's hash), written as the host writes it.</summary>
    private async Task<(string Pack, string Key)> PackAsync()
    {
        Directory.CreateDirectory(_dir);
        using var seal = Ed25519RecordSeal.LoadOrCreate(Path.Combine(_dir, "seal.pem"));
        var at = new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);
        var contract = Encoding.UTF8.GetBytes(Contract);
        var sha = Convert.ToHexStringLower(SHA256.HashData(contract));
        var entries = new List<PackEntry>();
        foreach (var (actor, action, payload) in new[]
                 {
                     ("alice", "invention.submitted", "{\"title\":\"波导\"}"), ("process:transfer", "agreement.opened", "{\"price\":200000}"),
                     ("manager", "attachment.added", $"{{\"name\":\"contract.txt\",\"sha256\":\"{sha}\"}}"),
                 })
        {
            var previous = entries.Count > 0 ? entries[^1].Hash : "";
            var hash = EvidenceChain.HashOf(previous, Case, entries.Count + 1, at, actor, action, payload);
            entries.Add(new PackEntry(Case, entries.Count + 1, at, actor, action, payload, previous, hash,
                seal.Sign(new ChainCheckpoint(EvidenceChain.ChainOf(Case), entries.Count + 1, hash))));
        }
        var checkpoint = SignedCheckpoint.Of(new ChainCheckpoint(EvidenceChain.ChainOf(Case), entries.Count, entries[^1].Hash), at, seal);
        var attachment = new PackAttachment(Guid.NewGuid(), "contract.txt", "", sha, contract.Length, "text/plain", at, "manager");
        var pack = Path.Combine(_dir, "pack.zip");
        await using (var file = File.Create(pack))
            await SealedPackWriter.WriteAsync(file, new PackContent(Case, "TT-2026-0007", "波导", "zh-CN", at, entries, checkpoint,
                [new PackAttachmentSource(attachment, _ => Task.FromResult<Stream>(new MemoryStream(contract)))],
                [new PackDocument(SealedPack.ReportOf("zh-CN"), "%PDF-1.7"u8.ToArray())]), seal, seal.PublicKeyPem);
        var key = Path.Combine(_dir, "public.pem");
        await File.WriteAllTextAsync(key, seal.PublicKeyPem);
        return (pack, key);
    }

    private static void Rewrite(string pack, string name, Func<string, string> change)
    {
        using var zip = ZipFile.Open(pack, ZipArchiveMode.Update);
        var entry = zip.GetEntry(name)!;
        string text;
        using (var reader = new StreamReader(entry.Open())) text = reader.ReadToEnd();
        var changed = change(text);
        Assert.NotEqual(text, changed);
        entry.Delete();
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(changed);
    }

    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, TextReader.Null, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}

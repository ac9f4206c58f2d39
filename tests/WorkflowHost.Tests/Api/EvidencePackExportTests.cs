using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using Workflows.Cli;
using Workflows.Persistence;
using Workflows.Persistence.Sealing;
using Workflows.Persistence.Sealing.Packs;
using static WorkflowHost.Tests.Api.DomainApiHost;

namespace WorkflowHost.Tests.Api;

/// <summary>
/// The evidence pack leaves the building as one file (issue 14): exported over HTTP from a finished case on SQLite and
/// PostgreSQL, with the entries exactly as signed, the attachments, a readable PDF in Chinese or English with its font
/// embedded, and the signatures; <c>wf evidence verify</c> accepts it with the record seal's public key and refuses it,
/// naming the problem, after each tampering the issue lists.
/// </summary>
public sealed class EvidencePackExportTests
{
    private const string Contract = "技术许可合同 No. NB-2026-7: exclusive licence to Ningbo Optics Ltd., 200,000 yuan.";

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task Exported_pack_holds_the_signed_entries_the_attachments_and_a_readable_pdf_in_either_language(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var id = await EvidenceTamperingTests.FinishedCaseAsync(host);
        await ExpectAsync(HttpStatusCode.Created, host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/attachments",
            TextFile("licence-contract.txt", "text/plain", Contract));
        var key = await KeyFileAsync(host);
        var caseNumber = (await host.InventionAsync(id)).GetProperty("invention").GetProperty("caseNumber").GetString()!;

        var (zh, zhName) = await DownloadAsync(host.Manager, $"/api/v1/inventions/{id}/evidence/pack.zip?lang=zh-CN");
        Assert.Equal($"evidence-pack-{caseNumber}.zh-CN.zip", zhName);
        var (exit, output, error) = await VerifyAsync(zh, key);
        Assert.True(exit == 0, error);
        Assert.Contains("intact", output);

        var pack = new TamperedPack(zh);
        foreach (var file in new[] { SealedPack.Manifest, SealedPack.Seal, SealedPack.Entries, SealedPack.Checkpoint, SealedPack.PublicKey,
                     SealedPack.AttachmentIndex, "attachments/001-licence-contract.txt", "evidence-pack.zh-CN.pdf" })
            Assert.Contains(file, pack.Names);
        // The entries exactly as the evidence API answers them (and as they were signed).
        var live = (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence")).EnumerateArray()
            .Select(e => (e.GetProperty("sequence").GetInt32(), e.GetProperty("payload").GetString(), e.GetProperty("hash").GetString(), e.GetProperty("signature").GetString()))
            .ToList();
        Assert.Equal(live, pack.Entries.Select(e => (e.Sequence, (string?)e.Payload, (string?)e.Hash, (string?)e.Signature)).ToList());
        Assert.Contains(pack.Entries, e => e.Action == "agreement.signed");
        // The attachment as uploaded, with the hash its signed entry records.
        Assert.Equal(Contract, Encoding.UTF8.GetString(pack["attachments/001-licence-contract.txt"]));
        var attachment = Assert.Single(pack.Read<List<PackAttachment>>(SealedPack.AttachmentIndex));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Contract))), attachment.Sha256);
        Assert.Contains(pack.Entries, e => e.Action == "attachment.added" && e.Payload.Contains(attachment.Sha256));
        Assert.Equal(pack.Entries.Count, pack.Read<SignedCheckpoint>(SealedPack.Checkpoint).Entries);

        AssertReadablePdf(pack["evidence-pack.zh-CN.pdf"], "证据包", caseNumber, cjk: true);

        var (en, enName) = await DownloadAsync(host.Manager, $"/api/v1/inventions/{id}/evidence/pack.zip?lang=en");
        Assert.Equal($"evidence-pack-{caseNumber}.en.zip", enName);
        Assert.Equal(0, (await VerifyAsync(en, key)).Exit);
        AssertReadablePdf(new TamperedPack(en)["evidence-pack.en.pdf"], "Evidence pack", caseNumber, cjk: false);
        // Without a lang, the caller's language: their account's (English for these people).
        Assert.Contains("evidence-pack.en.pdf", new TamperedPack((await DownloadAsync(host.Manager, $"/api/v1/inventions/{id}/evidence/pack.zip")).Zip).Names);

        // The same access as the pack itself: the office only; a language the report is not written in is refused by name.
        await ExpectAsync(HttpStatusCode.Forbidden, host.Alice, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence/pack.zip");
        using (var anonymous = host.Host.CreateClient())
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/inventions/{id}/evidence/pack.zip")).StatusCode);
        var badLanguage = await ExpectAsync(HttpStatusCode.BadRequest, host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence/pack.zip?lang=fr");
        Assert.True(badLanguage.GetProperty("errors").TryGetProperty("lang", out _), badLanguage.ToString());
        await ExpectAsync(HttpStatusCode.NotFound, host.Manager, HttpMethod.Get, $"/api/v1/inventions/{Guid.NewGuid()}/evidence/pack.zip");
    }

    [Fact]
    public async Task Wf_evidence_verify_refuses_an_exported_pack_tampered_in_each_way_naming_the_problem()
    {
        await using var host = await StartAsync(DatabaseProvider.Sqlite);
        var id = await EvidenceTamperingTests.FinishedCaseAsync(host);
        await ExpectAsync(HttpStatusCode.Created, host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/attachments",
            TextFile("licence-contract.txt", "text/plain", Contract));
        var key = await KeyFileAsync(host);
        var (zip, _) = await DownloadAsync(host.Manager, $"/api/v1/inventions/{id}/evidence/pack.zip?lang=en");
        Assert.Equal(0, (await VerifyAsync(zip, key)).Exit);
        var entries = new TamperedPack(zip).Entries;
        var signed = entries.FindIndex(e => e.Action == "agreement.signed");
        var priced = entries.FindIndex(e => e.Action == "agreement.opened");
        Assert.True(signed > 0 && priced > 0);

        // An entry edited in place (who signed the agreement).
        await ExpectRefusedAsync(zip, key, p => p.Entries = Edit(p.Entries, signed, e => e with { Actor = "mallory" }),
            $"entries.json, entry {signed + 1}: changed after it was written");
        // The last entries deleted: the signed checkpoint still counts them.
        await ExpectRefusedAsync(zip, key, p => p.Entries = p.Entries[..^2],
            $"entries.json, entry {entries.Count - 1}: entries {entries.Count - 1} to {entries.Count} were deleted");
        // ... and the checkpoint swapped for the head of what is left (its own entry's signature), the attachment those entries
        // recorded taken out: the seal over the export.
        await ExpectRefusedAsync(zip, key, p =>
        {
            var left = p.Entries[..^2];
            p.Entries = left;
            p.Remove("attachments/001-licence-contract.txt");
            p.Write(SealedPack.AttachmentIndex, new List<PackAttachment>());
            p.Write(SealedPack.Checkpoint, new SignedCheckpoint(EvidenceChain.ChainOf(id), left.Count, left[^1].Hash, left[^1].At, "", left[^1].Signature));
        }, "manifest.json: not the manifest the record seal signed at export");
        // An entry rewritten and every later hash recomputed (no secret needed): the signatures.
        await ExpectRefusedAsync(zip, key, p => p.Entries = TamperedPack.Rehashed(Edit(p.Entries, signed, e => e with { Actor = "mallory" }), signed),
            $"entries.json, entry {signed + 1}: its signature is not the record seal's");
        // Every entry deleted.
        await ExpectRefusedAsync(zip, key, p => p.Entries = [], "entries.json: the pack holds no entry at all");
        // The recorded price edited (the notice's 200,000 yuan made 1), with every later hash recomputed.
        await ExpectRefusedAsync(zip, key, p => p.Entries = TamperedPack.Rehashed(Edit(p.Entries, priced, e =>
        {
            var facts = JsonNode.Parse(e.Payload)!.AsObject();
            Assert.Equal(200000m, facts["price"]!.GetValue<decimal>());
            facts["price"] = 1;
            return e with { Payload = facts.ToJsonString() };
        }), priced), $"entries.json, entry {priced + 1}: its signature is not the record seal's");
        // An attachment edited: against the index, and with the index rewritten too, against the signed entry.
        const string file = "attachments/001-licence-contract.txt";
        var forged = Encoding.UTF8.GetBytes(Contract.Replace("200,000", "2,000"));
        await ExpectRefusedAsync(zip, key, p => p[file] = forged, $"{file}: its SHA-256 is {Sha(forged)}, but the attachment index records");
        await ExpectRefusedAsync(zip, key, p =>
        {
            p[file] = forged;
            p.Write(SealedPack.AttachmentIndex, p.Read<List<PackAttachment>>(SealedPack.AttachmentIndex).Select(a => a with { Sha256 = Sha(forged) }).ToList());
        }, $"{file}: no signed entry records its SHA-256");
        // The readable report edited: the manifest; and with the manifest recomputed, the seal over it.
        await ExpectRefusedAsync(zip, key, p => p["evidence-pack.en.pdf"] = [.. p["evidence-pack.en.pdf"], 0x20], "evidence-pack.en.pdf: its SHA-256 is", recompute: false);
        await ExpectRefusedAsync(zip, key, p => p["evidence-pack.en.pdf"] = [.. p["evidence-pack.en.pdf"], 0x20], "manifest.json: not the manifest the record seal signed");
        // A file slipped in.
        await ExpectRefusedAsync(zip, key, p => p["attachments/002-receipt.pdf"] = [1, 2, 3], "attachments/002-receipt.pdf: not listed in the manifest", recompute: false);

        // The key swapped: the whole pack re-signed with the forger's own key (and its public key put in the pack).
        var forgerKeyFile = Path.Combine(host.DataPath, "forger", "key.pem");
        using var forger = Ed25519RecordSeal.LoadOrCreate(forgerKeyFile);
        var swapped = await ResealAsync(new TamperedPack(zip), forger);
        var (exit, _, error) = await VerifyAsync(swapped, key);
        Assert.Equal(1, exit);
        Assert.Contains($"public-key.pem: the pack was sealed with key {forger.KeyId}, not with the given key", error);
        // ... and the honest pack checked with a key that is not the seal's.
        var forgerPublic = Path.Combine(host.DataPath, "forger", "public.pem");
        await File.WriteAllTextAsync(forgerPublic, forger.PublicKeyPem);
        (exit, _, error) = await VerifyAsync(zip, forgerPublic);
        Assert.Equal(1, exit);
        Assert.Contains("public-key.pem: the pack was sealed with key", error);
    }

    [Fact]
    public async Task A_configured_font_that_cannot_be_used_is_named_and_no_pack_is_served()
    {
        var settings = new Dictionary<string, string> { ["EvidencePack:FontFile"] = "/nonexistent/fonts/cjk.ttc" };
        await using var host = await StartAsync(DatabaseProvider.Sqlite, settings);
        var id = await host.SubmitInventionAsync();
        var problem = await ExpectAsync(HttpStatusCode.ServiceUnavailable, host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence/pack.zip?lang=zh-CN");
        Assert.Contains("EvidencePack:FontFile '/nonexistent/fonts/cjk.ttc'", problem.GetProperty("detail").GetString());
    }

    private static List<PackEntry> Edit(List<PackEntry> entries, int index, Func<PackEntry, PackEntry> change)
    {
        entries[index] = change(entries[index]);
        return entries;
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static async Task ExpectRefusedAsync(byte[] zip, string key, Action<TamperedPack> tamper, string problem, bool recompute = true)
    {
        var pack = new TamperedPack(zip);
        tamper(pack);
        var (exit, output, error) = await VerifyAsync(pack.Save(recompute), key);
        Assert.True(exit == 1 && error.Contains(problem, StringComparison.Ordinal), $"expected a refusal naming '{problem}', got {exit}: {output}{error}");
    }

    /// <summary>A forgery with the forger's key: every entry, the checkpoint and the export signed anew, as the writer does.</summary>
    private static async Task<byte[]> ResealAsync(TamperedPack pack, Ed25519RecordSeal forger)
    {
        var manifest = pack.Read<PackManifest>(SealedPack.Manifest);
        var entries = pack.Entries.Select(e => e with { Signature = forger.Sign(new(EvidenceChain.ChainOf(e.InventionId), e.Sequence, e.Hash)) }).ToList();
        var checkpoint = SignedCheckpoint.Of(new(EvidenceChain.ChainOf(manifest.Subject), entries.Count, entries[^1].Hash), manifest.ExportedAt, forger);
        var attachments = pack.Read<List<PackAttachment>>(SealedPack.AttachmentIndex)
            .Select(a => new PackAttachmentSource(a, _ => Task.FromResult<Stream>(new MemoryStream(pack[a.Path])))).ToList();
        var documents = pack.Names.Where(n => n.EndsWith(".pdf", StringComparison.Ordinal)).Select(n => new PackDocument(n, pack[n])).ToList();
        var output = new MemoryStream();
        await SealedPackWriter.WriteAsync(output, new PackContent(manifest.Subject, manifest.Reference, manifest.Title, manifest.Language, manifest.ExportedAt,
            entries, checkpoint, attachments, documents), forger, forger.PublicKeyPem);
        return output.ToArray();
    }

    private static async Task<string> KeyFileAsync(DomainApiHost host)
    {
        var path = Path.Combine(host.DataPath, "auditor", "record-seal.pub.pem");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = await OkAsync(host.Manager, HttpMethod.Get, "/api/v1/record-seal");
        await File.WriteAllTextAsync(path, key.GetProperty("publicKeyPem").GetString());
        return path;
    }

    private static async Task<(byte[] Zip, string? Name)> DownloadAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
    }

    private static async Task<(int Exit, string Output, string Error)> VerifyAsync(byte[] zip, string keyFile)
    {
        var path = Path.Combine(Path.GetDirectoryName(keyFile)!, $"pack-{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(path, zip);
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await CliApp.RunAsync(["evidence", "verify", path, "--key", keyFile], TextReader.Null, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>PDFsharp reads the report back: its title in the language, its font embedded (TrueType, FontFile2), with the Chinese
    /// glyphs of 证据包 (U+8BC1 U+636E U+5305) in its Unicode map when in Chinese.</summary>
    private static void AssertReadablePdf(byte[] pdf, string title, string caseNumber, bool cjk)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        Assert.True(document.PageCount >= 2, $"{document.PageCount} page(s)");
        Assert.Equal($"{title} {caseNumber}", document.Info.Title);
        var objects = document.Internals.GetAllObjects().OfType<PdfDictionary>().ToList();
        var descriptors = objects.Where(d => d.Elements.GetName("/Type") == "/FontDescriptor").ToList();
        Assert.NotEmpty(descriptors);
        Assert.All(descriptors, d => Assert.True(d.Elements.ContainsKey("/FontFile2"), $"font {d.Elements.GetName("/FontName")} is not embedded"));
        Assert.Contains(descriptors, d => d.Elements.GetName("/FontName").Contains("WenQuanYi", StringComparison.OrdinalIgnoreCase));
        var unicode = string.Concat(objects.Where(d => d.Stream is not null && Encoding.ASCII.GetString(d.Stream.UnfilteredValue).Contains("beginbfrange", StringComparison.Ordinal))
            .Select(d => Encoding.ASCII.GetString(d.Stream.UnfilteredValue))).ToUpperInvariant();
        Assert.NotEmpty(unicode);
        Assert.Equal(cjk, unicode.Contains("8BC1") && unicode.Contains("636E") && unicode.Contains("5305"));
    }
}

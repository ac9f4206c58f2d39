using System.Globalization;
using System.Text.Json.Nodes;
using TechTransfer;
using TechTransfer.Disclosures;
using TechTransfer.Evidence;
using TechTransfer.Inventions;
using WorkflowHost.Components.Pages.Inventions;
using WorkflowHost.Identity;
using Workflows.Persistence.Sealing;
using Workflows.Persistence.Sealing.Packs;

namespace WorkflowHost.Domain.EvidencePacks;

/// <summary>
/// Exports a case's evidence as one file that leaves the building (<see cref="SealedPack"/>): the entries exactly as
/// signed, the chain's furthest checkpoint outside the database, every stored document, the readable report in the
/// language asked for, the public key, a manifest of every file's SHA-256, and the record seal's signature over the
/// manifest. Who may: whoever may read the pack (the office, <see cref="EvidencePackService"/>).
/// </summary>
public sealed class EvidencePackExport(CaseVerification verification, EvidencePackService evidence, InventionService inventions,
    AttachmentService attachments, CheckpointJournal journal, Ed25519RecordSeal seal, UserAccountService accounts,
    EvidencePackReport report, TimeProvider clock)
{
    /// <summary>Writes the pack to <paramref name="output"/>; answers the file name to offer.</summary>
    public async Task<string> ExportAsync(ActingUser actor, Guid inventionId, CultureInfo culture, Stream output, CancellationToken ct = default)
    {
        var verdict = await verification.VerifyAsync(actor, inventionId, ct); // also: may the caller read the pack
        var invention = await inventions.GetAsync(actor, inventionId, ct);
        // The checkpoint before the entries: an entry appended meanwhile makes the pack longer than it, never shorter.
        var chain = EvidenceLog.ChainOf(inventionId);
        var furthest = journal.Read(chain, seal).Furthest;
        var entries = (await evidence.GetAsync(actor, inventionId, ct))
            .Select(e => new PackEntry(e.InventionId, e.Sequence, e.At, e.Actor, e.Action, e.Payload, e.PreviousHash, e.Hash, e.Signature)).ToList();
        var checkpoint = furthest ?? (entries.Count > 0 ? new SignedCheckpoint(chain, entries[^1].Sequence, entries[^1].Hash, entries[^1].At, seal.KeyId, entries[^1].Signature) : null);
        var files = (await attachments.ListAsync(actor, inventionId, ct))
            .Select(a => new PackAttachmentSource(
                new PackAttachment(a.Id, a.FileName, "", a.Sha256, a.Size, a.DetectedType, a.UploadedAt, a.UploadedBy),
                async token => (await attachments.OpenAsync(actor, a.Id, token)).Content))
            .ToList();

        var people = new Dictionary<string, string>(StringComparer.Ordinal);
        // Everyone the pack names: who acted, who exported, who attached, and the people the facts name by id.
        var named = entries.SelectMany(e => FactText.UserIds(Parse(e.Payload))).Concat(entries.Select(e => e.Actor))
            .Append(actor.UserId).Concat(files.Select(f => f.Attachment.AddedBy));
        foreach (var id in named.Distinct(StringComparer.Ordinal))
            if (!id.StartsWith("process:", StringComparison.Ordinal) && await accounts.GetAsync(id, ct) is { } user)
                people[id] = string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email : $"{user.DisplayName} <{user.Email}>";
        foreach (var (key, name) in entries.SelectMany(e => FactText.NamedWithoutAccount(Parse(e.Payload)))) people[key] = name;

        var exportedAt = clock.GetUtcNow();
        var language = culture.Name;
        var pdf = report.Render(new ReportContent(culture, invention.CaseNumber, invention.Title,
            exportedAt, people.GetValueOrDefault(actor.UserId) ?? actor.UserId, verdict.Intact ? null : verdict.Problem, verdict.Instances,
            seal.KeyId, seal.PublicKeyPem, entries, checkpoint, files.Select(f => f.Attachment).ToList(), people));
        await SealedPackWriter.WriteAsync(output, new PackContent(inventionId, invention.CaseNumber, invention.Title, language, exportedAt,
            entries, checkpoint, files, [new PackDocument(SealedPack.ReportOf(language), pdf)]), seal, seal.PublicKeyPem, ct);
        return $"evidence-pack-{FileSafe(invention.CaseNumber)}.{language}.zip";
    }

    /// <summary>The facts, or nothing when they are not JSON (a pack of a tampered database is still exported, its check says why).</summary>
    private static JsonNode? Parse(string payload)
    {
        try { return JsonNode.Parse(payload); }
        catch (System.Text.Json.JsonException) { return null; }
    }

    private static string FileSafe(string text) => new(text.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? ch : '-').ToArray());
}

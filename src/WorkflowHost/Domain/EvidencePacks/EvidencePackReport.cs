using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Localization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using WorkflowHost.Components.Pages.Inventions;
using WorkflowHost.Localization;
using Workflows.Persistence.Sealing;
using Workflows.Persistence.Sealing.Packs;

namespace WorkflowHost.Domain.EvidencePacks;

/// <summary>
/// The pack's readable report, in Chinese or English: the case, the verification at export, the key and the chain's
/// head and checkpoint, how to check the pack offline, every entry with who acted (their name), what and when and its
/// facts, and every attachment with its hash. Set in the configured CJK TrueType font, embedded (a subset), so that it
/// reads the same on a machine without it. The PDF is for reading; the proof is the JSON and signatures beside it.
/// </summary>
public sealed class EvidencePackReport(IStringLocalizer<EvidencePackText> text, IStringLocalizer<InventionsText> labels, TimeDisplay times,
    EvidencePackOptions options)
{
    public byte[] Render(ReportContent content)
    {
        var file = options.ResolveFontFile() ?? throw new EvidencePackFontMissingException(
            $"No font for the report: set {EvidencePackOptions.Section}:FontFile to a TrueType font with Chinese (e.g. install Debian's fonts-wqy-microhei).");
        string family;
        try
        {
            family = PackFontResolver.Register(file, options.FontIndex);
            PackFontResolver.Load(family);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
        {
            throw new EvidencePackFontMissingException($"{EvidencePackOptions.Section}:FontFile '{file}' (face {options.FontIndex}) cannot be used: {e.Message}");
        }

        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = content.Culture; // the resources follow the report's language, not the caller's
        try { return Render(content, family); }
        finally { CultureInfo.CurrentUICulture = previous; }
    }

    private byte[] Render(ReportContent c, string family)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"{text["Title"]} {c.CaseNumber}";
        document.Info.Subject = c.Title;
        document.Info.Creator = "WorkflowHost";
        document.Language = c.Culture.Name;
        var facts = new FactText(labels, times, c.People);
        using (var flow = new PdfFlow(document, family))
        {
            flow.Paragraph(text["Title"], 20, bold: true);
            flow.Paragraph(text["Subtitle"], 11);
            flow.Space(8);
            flow.Field(text["Case"], c.CaseNumber);
            flow.Field(text["Invention"], c.Title);
            flow.Field(text["ExportedAt"], Time(c.ExportedAt, times.Zone));
            flow.Field(text["ExportedBy"], c.ExportedBy);
            flow.Paragraph(text["TimeZone", times.Zone.Id], 8, brush: XBrushes.Gray);

            flow.Heading(text["Verification"]);
            flow.Paragraph(c.Problem is null ? text["Intact", c.Instances] : text["Broken", c.Problem], 10, bold: c.Problem is not null,
                brush: c.Problem is null ? XBrushes.DarkGreen : XBrushes.DarkRed);
            flow.Field(text["Key"], c.KeyId);
            flow.Paragraph(c.PublicKeyPem.Trim(), 8);
            flow.Field(text["Head"], text["HeadValue", c.Entries.Count, c.Entries.Count > 0 ? c.Entries[^1].Hash : "-"]);
            if (c.Checkpoint is { } cp) flow.Field(text["Checkpoint"], text["CheckpointValue", cp.Entries, Time(cp.At, times.Zone)]);
            flow.Heading(text["HowToCheck"], 11);
            flow.Paragraph(text["HowToCheckText"], 9);

            flow.Heading(text["Entries"]);
            foreach (var e in c.Entries)
            {
                flow.Paragraph(text["Entry", e.Sequence, Time(e.At, times.Zone), Label("Action_", e.Action)], 10, bold: true);
                flow.Field(text["By"], c.People.TryGetValue(e.Actor, out var who) ? $"{who} ({e.Actor})" : Actor(e.Actor), 9);
                foreach (var (label, value) in Facts(e.Payload, facts)) flow.Paragraph($"{label}: {value}", 9, indent: 12);
                flow.Paragraph($"{text["Hash"]}: {e.Hash}", 7.5, indent: 12, brush: XBrushes.Gray);
                flow.Space(4);
            }

            flow.Heading(text["Attachments"]);
            if (c.Attachments.Count == 0) flow.Paragraph(text["None"]);
            foreach (var a in c.Attachments)
            {
                flow.Paragraph(text["AttachmentLine", a.FileName, a.Size, Time(a.AddedAt, times.Zone)], 9.5, bold: true);
                flow.Paragraph($"SHA-256: {a.Sha256}", 8, indent: 12);
            }
            flow.NumberPages((page, pages) => text["Page", page, pages]);
        }
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private string Actor(string actor) => actor.StartsWith("process:", StringComparison.Ordinal) ? text["Process", actor["process:".Length..]] : actor;

    private string Label(string prefix, string key) => labels[prefix + key] is { ResourceNotFound: false } found ? found.Value : key;

    /// <summary>The facts as the case's page says them (<see cref="FactText"/>: names, yuan, shares, coded values in words),
    /// but every one of them, hashes and ids included: this is the auditor's copy.</summary>
    private static IEnumerable<(string Label, string Value)> Facts(string payload, FactText facts)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(payload); }
        catch (JsonException) { yield break; }
        if (node is not JsonObject o) yield break;
        foreach (var (key, value) in o)
            if (value is not null && facts.Text(key, value) is { Length: > 0 } text) yield return (facts.Label(key), text);
    }

    private static string Time(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
}

/// <summary>What the report shows (everything the pack holds, and the verification at export).</summary>
public sealed record ReportContent(CultureInfo Culture, string CaseNumber, string Title, DateTimeOffset ExportedAt, string ExportedBy,
    string? Problem, int Instances, string KeyId, string PublicKeyPem, IReadOnlyList<PackEntry> Entries, SignedCheckpoint? Checkpoint,
    IReadOnlyList<PackAttachment> Attachments, IReadOnlyDictionary<string, string> People);

/// <summary>No usable font for the report: the configuration must name one (answered as 503, naming the key).</summary>
public sealed class EvidencePackFontMissingException(string message) : Exception(message);

using System.IO.Compression;
using System.Text;

namespace TechTransfer.Disclosures;

/// <summary>
/// What a file is, from its bytes (the declared type and the name are never trusted). Anything that looks like HTML,
/// SVG or XML is reported as such, so it is refused rather than stored as text a browser might render.
/// </summary>
public static class ContentSniffer
{
    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Gif = "image/gif";
    public const string Zip = "application/zip";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public const string Text = "text/plain";
    public const string Html = "text/html";
    public const string Xml = "application/xml";
    public const string Unknown = "application/octet-stream";

    /// <summary>The types a file name's extension promises, to check against what the bytes are.</summary>
    public static IReadOnlyList<string> ExpectedFor(string extension) => extension.ToLowerInvariant() switch
    {
        ".pdf" => [Pdf],
        ".png" => [Png],
        ".jpg" or ".jpeg" => [Jpeg],
        ".gif" => [Gif],
        ".docx" => [Docx],
        ".xlsx" => [Xlsx],
        ".pptx" => [Pptx],
        ".zip" => [Zip, Docx, Xlsx, Pptx],
        ".txt" or ".csv" or ".md" => [Text],
        _ => [],
    };

    /// <summary>Detects the type of a stored file (seekable; read from the start).</summary>
    public static string Detect(Stream file)
    {
        var head = new byte[8192];
        file.Position = 0;
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var span = head.AsSpan(0, read);
        if (span.StartsWith("%PDF-"u8)) return Pdf;
        if (span.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return Png;
        if (span.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })) return Jpeg;
        if (span.StartsWith("GIF87a"u8) || span.StartsWith("GIF89a"u8)) return Gif;
        if (span.StartsWith("PK\u0003\u0004"u8)) return DetectZip(file);
        if (span.Contains((byte)0)) return Unknown;
        if (!IsUtf8(span)) return Unknown;
        var text = Encoding.UTF8.GetString(span).TrimStart('\uFEFF', ' ', '\t', '\r', '\n').ToLowerInvariant();
        string[] htmlMarkers = ["<!doctype html", "<html", "<head", "<body", "<script", "<iframe", "<svg", "<img", "<a ", "<meta", "<style", "<div", "<object", "<embed"];
        if (htmlMarkers.Any(m => text.StartsWith(m, StringComparison.Ordinal))) return Html;
        if (text.StartsWith("<?xml", StringComparison.Ordinal)) return text.Contains("<svg", StringComparison.Ordinal) || text.Contains("<html", StringComparison.Ordinal) ? Html : Xml;
        // Browsers sniff HTML in text with tags anywhere near the start; refuse it here too.
        if (text.Contains("<script", StringComparison.Ordinal) || text.Contains("<html", StringComparison.Ordinal) || text.Contains("<iframe", StringComparison.Ordinal))
            return Html;
        return Text;
    }

    private static string DetectZip(Stream file)
    {
        try
        {
            file.Position = 0;
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (!names.Contains("[Content_Types].xml")) return Zip;
            if (names.Contains("word/document.xml")) return Docx;
            if (names.Contains("xl/workbook.xml")) return Xlsx;
            if (names.Contains("ppt/presentation.xml")) return Pptx;
            return Zip;
        }
        catch (InvalidDataException)
        {
            return Unknown;
        }
    }

    private static bool IsUtf8(ReadOnlySpan<byte> bytes)
    {
        // A multi-byte character cut at the end of the sample is not an error.
        for (var cut = 0; cut < 4 && cut <= bytes.Length; cut++)
            if (System.Text.Unicode.Utf8.IsValid(bytes[..^cut])) return true;
        return false;
    }
}

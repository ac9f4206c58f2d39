namespace WorkflowHost.Domain.EvidencePacks;

/// <summary>
/// <c>EvidencePack:*</c>: the TrueType font the readable report is set in and embedded with (it must hold Chinese:
/// <c>FontFile</c>, a <c>.ttf</c> or a <c>.ttc</c> with <c>FontIndex</c> naming the face), and the time zone its times are
/// shown in (<c>Calendar:TimeZone</c>). Without a <c>FontFile</c>, the usual places of a CJK TrueType font on Debian,
/// Windows and macOS are tried in order.
/// </summary>
public sealed class EvidencePackOptions
{
    public const string Section = "EvidencePack";

    public string? FontFile { get; set; }
    public int FontIndex { get; set; }

    /// <summary>Where a CJK font with TrueType outlines usually is (Debian fonts-wqy-microhei / -zenhei, fonts-arphic-uming, Windows, macOS).</summary>
    public static readonly IReadOnlyList<string> KnownFontFiles =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/arphic/uming.ttc",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        @"C:\Windows\Fonts\msyh.ttc",
        @"C:\Windows\Fonts\simsun.ttc",
        "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
        "/Library/Fonts/Arial Unicode.ttf",
    ];

    /// <summary>The configured font file, or the first known one present; null when there is none.</summary>
    public string? ResolveFontFile() =>
        !string.IsNullOrWhiteSpace(FontFile) ? FontFile : KnownFontFiles.FirstOrDefault(File.Exists);
}

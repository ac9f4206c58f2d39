using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using PdfSharp.Fonts;

namespace WorkflowHost.Domain.EvidencePacks;

/// <summary>
/// PDFsharp's font resolver is one per process (<see cref="GlobalFontSettings.FontResolver"/>, fixed once used), while
/// each host may configure its own font file: so one resolver serves every registered file under a family name of its
/// own (<c>wf-pack-…</c>), read and copied out of its collection once. Any other family falls back to the same face:
/// the report asks for no other.
/// </summary>
public sealed class PackFontResolver : IFontResolver
{
    private static readonly Lazy<PackFontResolver> Shared = new(Install);
    private readonly ConcurrentDictionary<string, Lazy<byte[]>> _faces = new(StringComparer.Ordinal);

    private PackFontResolver() { }

    /// <summary>The family name under which the file's face at the index is drawn; the file is read on first use.</summary>
    public static string Register(string file, int index)
    {
        var full = Path.GetFullPath(file);
        var family = "wf-pack-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{full}#{index}")))[..12];
        Shared.Value._faces.GetOrAdd(family, _ => new Lazy<byte[]>(() => TrueTypeFace.Extract(File.ReadAllBytes(full), index)));
        return family;
    }

    /// <summary>Loads (and checks) the face now, so that a bad font is reported as such and not by PDFsharp mid-page.</summary>
    public static void Load(string family) => _ = Shared.Value._faces[family].Value;

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        var family = _faces.ContainsKey(familyName) ? familyName : _faces.Keys.FirstOrDefault();
        // Bold is simulated: a CJK face rarely ships one, and the report needs it for headings only.
        return family is null ? null : new FontResolverInfo(family, bold, false);
    }

    public byte[]? GetFont(string faceName) => _faces.TryGetValue(faceName, out var face) ? face.Value : null;

    private static PackFontResolver Install()
    {
        var resolver = new PackFontResolver();
        if (GlobalFontSettings.FontResolver is { } other && other is not PackFontResolver)
            throw new InvalidOperationException($"PDFsharp already has a font resolver ({other.GetType().Name}); the evidence pack needs its own.");
        GlobalFontSettings.FontResolver = resolver;
        return resolver;
    }
}

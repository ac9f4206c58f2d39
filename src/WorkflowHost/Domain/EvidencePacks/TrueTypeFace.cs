using System.Buffers.Binary;

namespace WorkflowHost.Domain.EvidencePacks;

/// <summary>
/// One TrueType face as PDFsharp embeds it. CJK fonts ship as collections (<c>.ttc</c>: Debian's wqy-microhei, Windows'
/// msyh.ttc), which PDFsharp 6.2 does not read, so the face at the index is copied out into a standalone font: the same
/// tables, each at a new 4-byte-aligned offset. Only glyph outlines (<c>glyf</c>) can be embedded; CFF outlines are refused.
/// </summary>
public static class TrueTypeFace
{
    public static byte[] Extract(byte[] file, int index)
    {
        if (file.Length < 12) throw new InvalidDataException("too short to be a font");
        var offset = 0;
        if (Tag(file, 0) == "ttcf")
        {
            var faces = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(8));
            if (index < 0 || index >= faces) throw new InvalidDataException($"the collection holds {faces} face(s), not one at index {index}");
            offset = checked((int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(12 + 4 * index)));
        }
        else if (index != 0) throw new InvalidDataException("a single font has only the face at index 0");

        var tables = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(offset + 4));
        var records = Enumerable.Range(0, tables).Select(i => offset + 12 + 16 * i)
            .Select(r => (Record: r, Tag: Tag(file, r), Start: checked((int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(r + 8))),
                Length: checked((int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(r + 12))))).ToList();
        if (records.All(r => r.Tag != "glyf"))
            throw new InvalidDataException("the face has no TrueType outlines (glyf): a CFF/OpenType-PostScript font cannot be embedded by PDFsharp");
        if (offset == 0) return file;

        var header = 12 + 16 * tables;
        var size = header + records.Sum(r => (r.Length + 3) & ~3);
        var font = new byte[size];
        file.AsSpan(offset, header).CopyTo(font);
        var at = header;
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            if (r.Start < 0 || r.Start + r.Length > file.Length) throw new InvalidDataException($"table {r.Tag} lies outside the file");
            file.AsSpan(r.Start, r.Length).CopyTo(font.AsSpan(at));
            BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(12 + 16 * i + 8), (uint)at);
            at += (r.Length + 3) & ~3;
        }
        return font;
    }

    private static string Tag(byte[] file, int at) => System.Text.Encoding.ASCII.GetString(file, at, 4);
}

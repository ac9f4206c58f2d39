using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace WorkflowHost.Domain.EvidencePacks;

/// <summary>
/// Text flowing down A4 pages: headings, label-value lines and wrapped paragraphs, a new page when one is full, and the
/// page numbers at the foot once the count is known. Lines break at a space where there is one and between any two
/// characters otherwise (Chinese has no spaces), measured in the embedded font.
/// </summary>
public sealed class PdfFlow : IDisposable
{
    private const double Margin = 50;
    private readonly PdfDocument _document;
    private readonly string _family;
    private readonly Dictionary<(double, bool), XFont> _fonts = [];
    private XGraphics? _page;
    private double _y;

    public PdfFlow(PdfDocument document, string family)
    {
        _document = document;
        _family = family;
        NewPage();
    }

    private double Width => _document.Pages[0].Width.Point - 2 * Margin;
    private double Bottom => _document.Pages[0].Height.Point - Margin - 14;

    public void Heading(string text, double size = 14)
    {
        Space(size * 0.6);
        Paragraph(text, size, bold: true);
        Space(size * 0.3);
    }

    public void Field(string label, string value, double size = 9.5) => Paragraph($"{label}: {value}", size);

    public void Paragraph(string text, double size = 9.5, bool bold = false, double indent = 0, XBrush? brush = null)
    {
        var font = Font(size, bold);
        foreach (var line in Wrap(text, font, Width - indent))
        {
            if (_y + size * 1.35 > Bottom) NewPage();
            _page!.DrawString(line, font, brush ?? XBrushes.Black, new XPoint(Margin + indent, _y), XStringFormats.TopLeft);
            _y += size * 1.35;
        }
    }

    public void Space(double points) => _y += points;

    /// <summary>Numbers every page ("page 1 of 3", in the report's language).</summary>
    public void NumberPages(Func<int, int, string> label)
    {
        _page?.Dispose();
        _page = null;
        var font = Font(8, false);
        for (var i = 0; i < _document.PageCount; i++)
        {
            var page = _document.Pages[i];
            using var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            gfx.DrawString(label(i + 1, _document.PageCount), font, XBrushes.Gray,
                new XPoint(page.Width.Point / 2, page.Height.Point - Margin + 10), XStringFormats.TopCenter);
        }
    }

    public void Dispose() => _page?.Dispose();

    private void NewPage()
    {
        _page?.Dispose();
        var page = _document.AddPage();
        page.Size = PageSize.A4;
        _page = XGraphics.FromPdfPage(page);
        _y = Margin;
    }

    private XFont Font(double size, bool bold)
    {
        if (!_fonts.TryGetValue((size, bold), out var font))
            _fonts[(size, bold)] = font = new XFont(_family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular,
                new XPdfFontOptions(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset));
        return font;
    }

    private IEnumerable<string> Wrap(string text, XFont font, double width)
    {
        foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
        {
            var rest = paragraph;
            while (rest.Length > 0)
            {
                var fit = Fit(rest, font, width);
                var cut = fit < rest.Length && rest.LastIndexOf(' ', fit - 1, fit) is var space and > 0 ? space : fit;
                yield return rest[..cut].TrimEnd();
                rest = rest[cut..].TrimStart();
            }
            if (paragraph.Length == 0) yield return "";
        }
    }

    /// <summary>How many leading characters fit in the width (at least one), by halving.</summary>
    private int Fit(string text, XFont font, double width)
    {
        if (_page!.MeasureString(text, font).Width <= width) return text.Length;
        int low = 1, high = text.Length;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (_page.MeasureString(text[..mid], font).Width <= width) low = mid;
            else high = mid - 1;
        }
        return low;
    }
}

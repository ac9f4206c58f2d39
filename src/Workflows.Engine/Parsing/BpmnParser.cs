using System.Xml;
using System.Xml.Linq;
using Workflows.Engine.Model;

namespace Workflows.Engine.Parsing;

/// <summary>
/// Reads a BPMN 2.0 file (as bpmn-js or Camunda Modeler write it) into the executable model and checks it.
/// Never throws on bad input: every problem is a diagnostic with the element id, line and column. Bounded: the size is
/// checked before reading, depth and element count while reading (<see cref="BpmnParseOptions"/>), and every check after
/// that is linear, so no file can exhaust the host's memory, stack or time.
/// </summary>
public static class BpmnParser
{
    public static BpmnParseResult Parse(string xml, BpmnParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        options ??= new BpmnParseOptions();
        // Length first: a string longer than the limit in characters is longer in UTF-8 bytes too, and is not counted.
        if (xml.Length > options.MaxBytes || System.Text.Encoding.UTF8.GetByteCount(xml) > options.MaxBytes)
            return TooLarge(options);
        return ParseXml(() => XmlReader.Create(new StringReader(xml), Settings(options)), options);
    }

    /// <summary>Parses a stream (an upload, a file) read through a length limit: no more than
    /// <see cref="BpmnParseOptions.MaxBytes"/> + 1 bytes are ever read, whatever the stream's length.</summary>
    public static async Task<BpmnParseResult> ParseAsync(Stream stream, BpmnParseOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new BpmnParseOptions();
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var want = (int)Math.Min(chunk.Length, options.MaxBytes + 1L - buffer.Length);
            if (want <= 0) return TooLarge(options);
            var read = await stream.ReadAsync(chunk.AsMemory(0, want), ct).ConfigureAwait(false);
            if (read == 0) break;
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.GetBuffer();
        var length = (int)buffer.Length;
        return ParseXml(() => XmlReader.Create(new MemoryStream(bytes, 0, length, writable: false), Settings(options)), options);
    }

    private static BpmnParseResult ParseXml(Func<XmlReader> open, BpmnParseOptions options)
    {
        var diagnostics = new List<BpmnDiagnostic>();
        XDocument document;
        try
        {
            // First a streaming pass that holds nothing: depth and element count are checked while reading, so a
            // hostile nesting or element flood stops early, before any tree is built.
            using (var scan = open())
            {
                if (Scan(scan, options) is { } limit)
                {
                    diagnostics.Add(limit);
                    return new BpmnParseResult(null, diagnostics);
                }
            }
            using var reader = open();
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            diagnostics.Add(new BpmnDiagnostic(DiagnosticCodes.MalformedXml, $"The file is not well-formed XML: {Trim(e.Message)}",
                null, new SourceLocation(Math.Max(1, e.LineNumber), Math.Max(1, e.LinePosition))));
            return new BpmnParseResult(null, diagnostics);
        }

        var root = document.Root!;
        if (root.Name != XName.Get("definitions", BpmnNamespaces.Bpmn))
        {
            diagnostics.Add(new BpmnDiagnostic(DiagnosticCodes.MalformedXml,
                $"The root element is <{ModelReader.Shorten(root.Name.LocalName)}> in '{ModelReader.Shorten(root.Name.NamespaceName)}', not a BPMN 2.0 <definitions>.", null, Location(root)));
            return new BpmnParseResult(null, diagnostics);
        }

        var modelReader = new ModelReader(diagnostics, options);
        var model = modelReader.Read(root);
        if (model is not null) new BpmnValidator(diagnostics, options, modelReader.Suspect, modelReader.ScopesWithRefusedStart).Validate(model);
        return new BpmnParseResult(model, diagnostics);
    }

    private static BpmnDiagnostic? Scan(XmlReader reader, BpmnParseOptions options)
    {
        var elements = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element) continue;
            var at = reader is IXmlLineInfo info && info.HasLineInfo() ? new SourceLocation(info.LineNumber, info.LinePosition) : new SourceLocation(1, 1);
            if (reader.Depth >= options.MaxXmlDepth)
                return new BpmnDiagnostic(DiagnosticCodes.NestedTooDeep,
                    $"The XML is nested more than {options.MaxXmlDepth} elements deep (at <{ModelReader.Shorten(reader.LocalName)}>).", null, at);
            if (++elements > options.MaxElements)
                return new BpmnDiagnostic(DiagnosticCodes.TooManyElements,
                    $"The file has more than {options.MaxElements} XML elements; split the process (for example into called processes).", null, at);
        }
        return null;
    }

    private static XmlReaderSettings Settings(BpmnParseOptions options) => new()
    {
        // No DTDs and no external resolution: a BPMN file cannot make the host read files or URLs.
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = options.MaxBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    private static BpmnParseResult TooLarge(BpmnParseOptions options) =>
        new(null, [new BpmnDiagnostic(DiagnosticCodes.TooLarge, $"The file is larger than {Megabytes(options.MaxBytes)}.", null, new SourceLocation(1, 1))]);

    private static string Megabytes(int bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes} bytes";

    internal static SourceLocation Location(XObject node) =>
        node is IXmlLineInfo info && info.HasLineInfo() ? new SourceLocation(info.LineNumber, info.LinePosition) : SourceLocation.Unknown;

    private static string Trim(string message)
    {
        var i = message.IndexOf(" Line ", StringComparison.Ordinal);
        return ModelReader.Shorten(i > 0 ? message[..i] : message, 200);
    }
}

using System.Text;
using System.Xml;
using System.Xml.Linq;
using Workflows.Engine.Model;

namespace Workflows.Engine.Parsing;

/// <summary>
/// Reads a BPMN 2.0 file (as bpmn-js or Camunda Modeler write it) into the executable model and checks it.
/// Never throws on bad input: every problem is a diagnostic with the element id, line and column.
/// </summary>
public static class BpmnParser
{
    public static BpmnParseResult Parse(string xml, BpmnParseOptions? options = null)
    {
        options ??= new BpmnParseOptions();
        var diagnostics = new List<BpmnDiagnostic>();
        if (Encoding.UTF8.GetByteCount(xml) > options.MaxBytes)
        {
            diagnostics.Add(new BpmnDiagnostic(DiagnosticCodes.TooLarge,
                $"The file is larger than {options.MaxBytes / (1024 * 1024)} MB.", null, new SourceLocation(1, 1)));
            return new BpmnParseResult(null, diagnostics);
        }

        XDocument document;
        try
        {
            // No DTDs and no external resolution: a BPMN file cannot make the host read files or URLs.
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = options.MaxBytes };
            using var reader = XmlReader.Create(new StringReader(xml), settings);
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
                $"The root element is <{root.Name.LocalName}> in '{root.Name.NamespaceName}', not a BPMN 2.0 <definitions>.", null, Location(root)));
            return new BpmnParseResult(null, diagnostics);
        }

        var reader2 = new ModelReader(diagnostics);
        var model = reader2.Read(root);
        if (model is not null) new BpmnValidator(diagnostics, options).Validate(model);
        return new BpmnParseResult(model, diagnostics);
    }

    internal static SourceLocation Location(XObject node) =>
        node is IXmlLineInfo info && info.HasLineInfo() ? new SourceLocation(info.LineNumber, info.LinePosition) : SourceLocation.Unknown;

    private static string Trim(string message)
    {
        var i = message.IndexOf(" Line ", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message;
    }
}

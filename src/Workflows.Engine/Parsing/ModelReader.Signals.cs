using System.Xml.Linq;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;

namespace Workflows.Engine.Parsing;

/// <summary>Signals as Camunda 7 reads them: <c>&lt;signal id name&gt;</c> at the root, referred to by <c>signalRef</c>.</summary>
internal sealed partial class ModelReader
{
    /// <summary>Ids of signals refused for having no name, so that the events referring to them are not reported again.</summary>
    private readonly HashSet<string> _unnamedSignals = new(StringComparer.Ordinal);

    /// <summary>Every signal needs a name (it is thrown and caught by it), and no two signals of a file may share one (Camunda's rules).</summary>
    private void ReadSignals(XElement definitions)
    {
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var signal in definitions.Elements(Bpmn + "signal"))
        {
            if (Id(signal) is not { } id) continue;
            var name = ((string?)signal.Attribute("name"))?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                _unnamedSignals.Add(id);
                Error(DiagnosticCodes.InvalidSignal, $"signal '{id}' has no name; a signal is thrown and caught by its name.", signal, id);
                continue;
            }
            if (!byName.TryAdd(name, id))
                Error(DiagnosticCodes.InvalidSignal, $"signal '{id}' has the name '{Shorten(name)}', as signal '{byName[name]}' does; give each signal its own name.", signal, id);
            _model.Signals[id] = name;
        }
    }

    /// <summary>A signal event definition: the referenced signal's name (a template is evaluated at run time), and on a
    /// throw event what it sends along (<c>camunda:in</c> inside the definition, as Camunda Modeler writes it).</summary>
    private SignalEventDefinition ReadSignal(XElement e, XElement d, string id)
    {
        var signalRef = (string?)d.Attribute("signalRef");
        string name;
        if (string.IsNullOrWhiteSpace(signalRef))
        {
            Error(DiagnosticCodes.UnknownReference, $"{e.Name.LocalName} '{id}' has a signal event definition without signalRef.", d, id);
            name = id;
        }
        else if (TryResolve(_model.Signals, signalRef, out var declared)) name = declared;
        else
        {
            if (!_unnamedSignals.Contains(signalRef) && !_unnamedSignals.Contains(LocalRef(signalRef)))
                Error(DiagnosticCodes.UnknownReference, $"{e.Name.LocalName} '{id}' refers to the signal '{Shorten(signalRef)}', which is not defined.", d, id);
            name = signalRef;
        }

        var extensions = d.Element(Bpmn + "extensionElements");
        var throws = e.Name.LocalName is "intermediateThrowEvent" or "endEvent";
        if (!throws && extensions?.Element(Camunda + "in") is { } ignored)
            Warn(DiagnosticCodes.IgnoredExtension, $"camunda:in on the signal of {e.Name.LocalName} '{id}' is ignored: only a throw sends variables with a signal.", ignored, id);
        var definition = new SignalEventDefinition(name, ExpressionParser.HasTemplateParts(name) ? Expression(name, d, id, "signal name") : null);
        if (!throws) return definition;
        var inMappings = PassedVariables(extensions, "in", id, $"the signal of {e.Name.LocalName} '{id}'", out var all, out var businessKey, out var localOnly);
        return definition with { InMappings = inMappings, InAll = all, InLocalOnly = localOnly, PassBusinessKey = businessKey };
    }
}

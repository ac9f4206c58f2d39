using System.Globalization;
using System.Xml.Linq;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;

namespace Workflows.Engine.Parsing;

/// <summary>Turns the XML of one file into the model: elements, attributes (ours and Camunda 7's), references.</summary>
internal sealed partial class ModelReader(List<BpmnDiagnostic> diagnostics, BpmnParseOptions options)
{
    private static readonly XNamespace Bpmn = BpmnNamespaces.Bpmn;
    private static readonly XNamespace Camunda = BpmnNamespaces.Camunda;
    private static readonly XNamespace Wf = BpmnNamespaces.Workflow;
    private static readonly XNamespace Xsi = BpmnNamespaces.Xsi;

    /// <summary>Non-executing parts of a diagram, kept out of the model.</summary>
    private static readonly HashSet<string> Artifacts =
        ["laneSet", "textAnnotation", "association", "group", "dataObject", "dataObjectReference", "dataStoreReference", "documentation", "extensionElements", "property"];

    /// <summary>Children that belong to a flow node itself, not to the scope of a sub-process (Camunda Modeler writes
    /// <c>incoming</c>, <c>outgoing</c> and loop characteristics inside a <c>subProcess</c> beside its flow elements).</summary>
    private static readonly HashSet<string> NodeChildren =
        ["incoming", "outgoing", "documentation", "extensionElements", "multiInstanceLoopCharacteristics", "standardLoopCharacteristics",
         "ioSpecification", "dataInputAssociation", "dataOutputAssociation", "property", "completionCondition", "loopCardinality",
         "conditionExpression"];

    private static readonly Dictionary<string, string> Unsupported = new()
    {
        ["scriptTask"] = "scripts cannot run here; use a service task bound to a registered handler",
        ["businessRuleTask"] = "decision tables are not supported yet; use an exclusive gateway or a service task",
        ["receiveTask"] = "use an intermediate message catch event instead",
        ["complexGateway"] = "use exclusive, parallel, inclusive or event-based gateways",
        ["transaction"] = "transactions and compensation are not supported",
        ["adHocSubProcess"] = "ad-hoc sub-processes are not supported",
        ["callChoreography"] = "choreographies are not executable",
        ["subChoreography"] = "choreographies are not executable",
        ["choreographyTask"] = "choreographies are not executable",
    };

    private readonly Dictionary<string, XElement> _ids = new(StringComparer.Ordinal);
    /// <summary>Ids of flow elements refused with an error (and left out of the model), so the flows that touch them are not reported again.</summary>
    private readonly HashSet<string> _refused = new(StringComparer.Ordinal);
    /// <summary>Scopes (process or sub-process ids) whose start event was refused: their start-event count is not checked again.</summary>
    private readonly HashSet<string> _scopesWithRefusedStart = new(StringComparer.Ordinal);
    private BpmnModel _model = null!;

    /// <summary>Nodes that lost a flow through an earlier error: the graph checks (no outgoing flow, unreachable) skip them, so
    /// one problem gives one diagnostic instead of a pile of consequences.</summary>
    public HashSet<FlowNode> Suspect { get; } = new();
    public IReadOnlySet<string> ScopesWithRefusedStart => _scopesWithRefusedStart;

    public BpmnModel? Read(XElement definitions)
    {
        _model = new BpmnModel();
        CollectIds(definitions);
        foreach (var message in definitions.Elements(Bpmn + "message"))
            if (Id(message) is { } id) _model.Messages[id] = (string?)message.Attribute("name");
        ReadSignals(definitions);
        foreach (var error in definitions.Elements(Bpmn + "error"))
            if (Id(error) is { } id) _model.Errors[id] = ((string?)error.Attribute("errorCode"), (string?)error.Attribute("name"));

        var processes = definitions.Elements(Bpmn + "process").ToList();
        foreach (var element in processes)
        {
            var executable = (string?)element.Attribute("isExecutable");
            if (executable == "false")
            {
                Warn(DiagnosticCodes.NotExecutable, $"process '{Id(element)}' is marked isExecutable=\"false\" and is skipped.", element);
                continue;
            }
            var id = Id(element);
            if (id is null) continue;
            var process = new ProcessDefinition
            {
                Id = id, Name = (string?)element.Attribute("name"), LocalizedNames = ReadLocalizedNames(element), Location = BpmnParser.Location(element),
            };
            ReadScope(element, process, null, process.Nodes, process.Flows, depth: 0);
            Link(process);
            _model.Processes.Add(process);
        }
        if (_model.Processes.Count == 0)
            Error(DiagnosticCodes.NoExecutableProcess, "The file has no executable process.", definitions);
        return _model;
    }

    /// <summary>The element's <c>wf:name-&lt;culture&gt;</c> attributes (empty ones left out).</summary>
    private static LocalizedNames ReadLocalizedNames(XElement e)
    {
        var names = e.Attributes()
            .Where(a => a.Name.Namespace == Wf && a.Name.LocalName.StartsWith(LocalizedNames.AttributePrefix, StringComparison.Ordinal)
                        && a.Name.LocalName.Length > LocalizedNames.AttributePrefix.Length && !string.IsNullOrWhiteSpace(a.Value))
            .ToDictionary(a => a.Name.LocalName[LocalizedNames.AttributePrefix.Length..], a => a.Value.Trim(), StringComparer.OrdinalIgnoreCase);
        return names.Count == 0 ? LocalizedNames.None : new LocalizedNames(names);
    }

    private void CollectIds(XElement root)
    {
        foreach (var element in root.Descendants())
        {
            if (element.Name.Namespace != Bpmn || (string?)element.Attribute("id") is not { } id) continue;
            if (!_ids.TryAdd(id, element))
                Error(DiagnosticCodes.DuplicateId, $"The id '{id}' is used twice (also at line {BpmnParser.Location(_ids[id]).Line}).", element, id);
        }
    }

    /// <summary>Reads the nodes and flows directly inside a process or sub-process. Nesting is bounded by
    /// <see cref="BpmnParseOptions.MaxSubProcessDepth"/>, so this recursion cannot run deep.</summary>
    private void ReadScope(XElement container, ProcessDefinition process, SubProcess? parent, List<FlowNode> nodes, List<SequenceFlow> flows, int depth)
    {
        foreach (var child in container.Elements())
        {
            if (child.Name.Namespace != Bpmn)
            {
                if (child.Name.Namespace != BpmnNamespaces.BpmnDi)
                    Warn(DiagnosticCodes.IgnoredExtension, $"<{child.Name.LocalName}> from '{child.Name.NamespaceName}' is not BPMN and is ignored.", child);
                continue;
            }
            var local = child.Name.LocalName;
            if (Artifacts.Contains(local)) continue;
            if (parent is not null && NodeChildren.Contains(local)) continue; // the sub-process's own children, checked by CheckChildren
            if (local == "sequenceFlow")
            {
                var flow = ReadFlow(child);
                if (process.FlowsById.TryAdd(flow.Id, flow)) flows.Add(flow);
                continue;
            }
            var node = ReadNode(child, process, depth);
            if (node is null)
            {
                if ((string?)child.Attribute("id") is { Length: > 0 } refusedId) _refused.Add(refusedId);
                if (local == "startEvent") _scopesWithRefusedStart.Add(parent?.Id ?? process.Id);
                continue;
            }
            node.Parent = parent;
            if (process.NodesById.TryAdd(node.Id, node)) nodes.Add(node); // a duplicate id is reported already
        }
    }

    /// <summary>A sequence flow; one without an id (BPMN requires it, engines tolerate it) gets a stable synthetic one.</summary>
    private SequenceFlow ReadFlow(XElement element)
    {
        var sourceRef = (string?)element.Attribute("sourceRef") ?? "";
        var targetRef = (string?)element.Attribute("targetRef") ?? "";
        var id = (string?)element.Attribute("id");
        if (string.IsNullOrWhiteSpace(id))
        {
            var stem = $"flow_{sourceRef}_{targetRef}";
            id = stem;
            for (var n = 2; _ids.ContainsKey(id); n++) id = $"{stem}_{n}";
            _ids[id] = element;
            Warn(DiagnosticCodes.MissingId, $"A sequenceFlow from '{sourceRef}' to '{targetRef}' has no id; it is called '{id}' here.", element, id);
        }
        var conditionElement = element.Element(Bpmn + "conditionExpression");
        string? conditionText = null;
        CompiledExpression? condition = null;
        if (conditionElement is not null)
        {
            var language = (string?)conditionElement.Attribute("language");
            if (language is not null && !language.Equals("feel", StringComparison.OrdinalIgnoreCase) && !language.Equals("juel", StringComparison.OrdinalIgnoreCase) &&
                !language.Contains("FEEL", StringComparison.OrdinalIgnoreCase))
                Error(DiagnosticCodes.UnsupportedElement, $"sequenceFlow '{id}' has a condition in the script language '{Shorten(language)}': scripts cannot run here; write it in the expression language.", conditionElement, id);
            conditionText = conditionElement.Value.Trim();
            if (conditionText.Length == 0) conditionText = null;
            else condition = Condition(conditionText, element, id, "condition");
        }
        return new SequenceFlow
        {
            Id = id, Name = (string?)element.Attribute("name"), LocalizedNames = ReadLocalizedNames(element),
            SourceRef = sourceRef, TargetRef = targetRef,
            ConditionText = conditionText, Condition = condition, Location = BpmnParser.Location(element),
        };
    }

    private FlowNode? ReadNode(XElement e, ProcessDefinition process, int depth)
    {
        var local = e.Name.LocalName;
        if (Unsupported.TryGetValue(local, out var why))
        {
            Error(DiagnosticCodes.UnsupportedElement, $"{local} '{Id(e) ?? "?"}' is not supported: {why}.", e, Id(e));
            return null;
        }
        var id = Id(e);
        if (id is null) return null;
        CheckChildren(e, id);
        var node = ReadKind(e, local, id, process, depth);
        if (node is null) return null;
        ReadInputOutput(e, node);
        node.LocalizedNames = ReadLocalizedNames(e);
        return node;
    }

    private FlowNode? ReadKind(XElement e, string local, string id, ProcessDefinition process, int depth)
    {
        var location = BpmnParser.Location(e);
        var name = (string?)e.Attribute("name");
        var defaultFlow = (string?)e.Attribute("default");

        switch (local)
        {
            case "startEvent":
                return new StartEvent
                {
                    Id = id, Name = name, Location = location,
                    Definition = SingleDefinition(e, id, allowMessage: true, allowTimer: true, allowSignal: true),
                    FormKey = Attr(e, "formKey"),
                };
            case "endEvent":
                return new EndEvent { Id = id, Name = name, Location = location, Definition = SingleDefinition(e, id, allowTerminate: true, allowError: true, allowSignal: true) };
            case "intermediateCatchEvent":
            {
                var definition = SingleDefinition(e, id, allowMessage: true, allowTimer: true, allowSignal: true);
                if (definition is null)
                {
                    if (EventDefinitions(e).Count == 0)
                        Error(DiagnosticCodes.UnsupportedEventDefinition, $"intermediateCatchEvent '{id}' needs a timer, message or signal event definition.", e, id);
                    return null;
                }
                return new IntermediateCatchEvent { Id = id, Name = name, Location = location, Definition = definition };
            }
            case "intermediateThrowEvent":
            {
                var definition = SingleDefinition(e, id, allowSignal: true);
                if (definition is null && EventDefinitions(e).Count > 0) return null;
                return new IntermediateThrowEvent { Id = id, Name = name, Location = location, Definition = definition };
            }
            case "boundaryEvent":
            {
                var definition = SingleDefinition(e, id, allowTimer: true, allowError: true, allowSignal: true);
                if (definition is null)
                {
                    if (EventDefinitions(e).Count == 0)
                        Error(DiagnosticCodes.InvalidBoundaryEvent, $"boundaryEvent '{id}' needs a timer, error or signal event definition.", e, id);
                    return null;
                }
                return new BoundaryEvent
                {
                    Id = id, Name = name, Location = location, Definition = definition,
                    AttachedToRef = LocalRef((string?)e.Attribute("attachedToRef") ?? ""),
                    CancelActivity = (string?)e.Attribute("cancelActivity") != "false",
                };
            }
            case "exclusiveGateway": return new ExclusiveGateway { Id = id, Name = name, Location = location, DefaultFlowId = defaultFlow };
            case "parallelGateway": return new ParallelGateway { Id = id, Name = name, Location = location };
            case "inclusiveGateway": return new InclusiveGateway { Id = id, Name = name, Location = location, DefaultFlowId = defaultFlow };
            case "eventBasedGateway": return new EventBasedGateway { Id = id, Name = name, Location = location };
            case "userTask": return ReadUserTask(e, id, name, location, defaultFlow);
            case "serviceTask": return ReadServiceTask(e, id, name, location, defaultFlow);
            case "sendTask": return ReadSendTask(e, id, name, location, defaultFlow);
            case "task":
            case "manualTask":
                return new PassThroughTask
                {
                    Id = id, Name = name, Location = location, Kind = local, DefaultFlowId = defaultFlow,
                    MultiInstance = ReadMultiInstance(e, id),
                };
            case "subProcess":
            {
                if ((string?)e.Attribute("triggeredByEvent") == "true")
                {
                    Error(DiagnosticCodes.UnsupportedElement, $"subProcess '{id}' is an event sub-process, which is not supported; use boundary events.", e, id);
                    return null;
                }
                if (depth >= options.MaxSubProcessDepth)
                {
                    Error(DiagnosticCodes.NestedTooDeep, $"subProcess '{id}' is nested more than {options.MaxSubProcessDepth} sub-processes deep.", e, id);
                    return null;
                }
                var sub = new SubProcess
                {
                    Id = id, Name = name, Location = location, DefaultFlowId = defaultFlow, MultiInstance = ReadMultiInstance(e, id),
                };
                ReadScope(e, process, sub, sub.Nodes, sub.Flows, depth + 1);
                return sub;
            }
            case "callActivity": return ReadCallActivity(e, id, name, location, defaultFlow);
            default:
                Error(DiagnosticCodes.UnsupportedElement, $"{local} '{id}' is not part of the supported BPMN subset.", e, id);
                return null;
        }
    }

    /// <summary>Children a flow node may have; anything else (listeners, loops, data associations) is refused.</summary>
    private void CheckChildren(XElement e, string id)
    {
        foreach (var child in e.Elements())
        {
            var local = child.Name.LocalName;
            if (child.Name.Namespace != Bpmn) continue;
            if (e.Name.LocalName == "subProcess" && !NodeChildren.Contains(local)) continue; // its flow elements, read by ReadScope
            if (local is "incoming" or "outgoing" or "documentation" or "extensionElements" or "multiInstanceLoopCharacteristics" or
                "completionCondition" or "loopCardinality" or "timerEventDefinition" or "messageEventDefinition" or "errorEventDefinition" or
                "terminateEventDefinition" or "signalEventDefinition" or "conditionExpression" || Artifacts.Contains(local))
                continue;
            var hint = local switch
            {
                "standardLoopCharacteristics" => "loops are drawn with gateways or multi-instance here",
                "ioSpecification" or "dataInputAssociation" or "dataOutputAssociation" => "use camunda:inputOutput mappings instead",
                _ => "it is outside the supported subset",
            };
            Error(DiagnosticCodes.UnsupportedElement, $"<{local}> in {e.Name.LocalName} '{id}' is not supported: {hint}.", child, id);
        }
        if (e.Element(Bpmn + "extensionElements") is not { } extensions) return;
        foreach (var ext in extensions.Elements())
        {
            var local = ext.Name.LocalName;
            if (ext.Name.Namespace == Camunda)
            {
                if (local is "executionListener" or "taskListener")
                    Error(DiagnosticCodes.UnsupportedElement, $"camunda:{local} on '{id}' is not supported: listeners run code; use a service task.", ext, id);
                else if (local is "field")
                    Error(DiagnosticCodes.UnsupportedElement, $"camunda:field on '{id}' is not supported: use wf:parameter.", ext, id);
                else if (local is "in" or "out" && e.Name.LocalName != "callActivity")
                    Warn(DiagnosticCodes.IgnoredExtension, $"camunda:{local} on '{id}' is ignored: it passes variables to a called process, and only a call activity calls one.", ext, id);
                else if (local is not ("inputOutput" or "in" or "out" or "properties" or "formData"))
                    Warn(DiagnosticCodes.IgnoredExtension, $"camunda:{local} on '{id}' is ignored.", ext, id);
            }
            else if (ext.Name.Namespace == Wf)
            {
                if (local is not "parameter")
                    Error(DiagnosticCodes.UnsupportedElement, $"wf:{local} on '{id}' is unknown.", ext, id);
            }
            else
                Warn(DiagnosticCodes.IgnoredExtension, $"<{local}> from '{ext.Name.NamespaceName}' on '{id}' is ignored.", ext, id);
        }
    }

    private List<XElement> EventDefinitions(XElement e) =>
        e.Elements().Where(c => c.Name.Namespace == Bpmn && c.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal)).ToList();

    private EventDefinition? SingleDefinition(XElement e, string id, bool allowMessage = false, bool allowTimer = false,
        bool allowTerminate = false, bool allowError = false, bool allowSignal = false)
    {
        var definitions = EventDefinitions(e);
        if (definitions.Count == 0) return null;
        if (definitions.Count > 1)
        {
            Error(DiagnosticCodes.UnsupportedEventDefinition, $"{e.Name.LocalName} '{id}' has {definitions.Count} event definitions; only one is supported.", definitions[1], id);
            return null;
        }
        var d = definitions[0];
        var kind = d.Name.LocalName;
        switch (kind)
        {
            case "timerEventDefinition" when allowTimer: return ReadTimer(d, id);
            case "messageEventDefinition" when allowMessage:
            {
                var messageRef = (string?)d.Attribute("messageRef");
                string messageName;
                if (messageRef is null)
                {
                    Error(DiagnosticCodes.UnknownReference, $"{e.Name.LocalName} '{id}' has a message event definition without messageRef.", d, id);
                    messageName = id;
                }
                else if (!TryResolve(_model.Messages, messageRef, out var declared))
                {
                    Error(DiagnosticCodes.UnknownReference, $"{e.Name.LocalName} '{id}' refers to the message '{Shorten(messageRef)}', which is not defined.", d, id);
                    messageName = messageRef;
                }
                else if (string.IsNullOrWhiteSpace(declared))
                {
                    // Camunda refuses it too: a subscription needs a name to be correlated by.
                    Error(DiagnosticCodes.InvalidMessage, $"{e.Name.LocalName} '{id}' refers to the message '{Shorten(messageRef)}', which has no name; give the message a name.", d, id);
                    messageName = messageRef;
                }
                else messageName = declared;
                var key = Attr(e, "correlationKey");
                return new MessageEventDefinition(messageName, key is null ? null : Expression(key, e, id, "wf:correlationKey"));
            }
            case "terminateEventDefinition" when allowTerminate: return new TerminateEventDefinition();
            case "signalEventDefinition" when allowSignal: return ReadSignal(e, d, id);
            case "errorEventDefinition" when allowError:
            {
                var errorRef = (string?)d.Attribute("errorRef");
                if (string.IsNullOrWhiteSpace(errorRef)) return new ErrorEventDefinition(null, null);
                if (!TryResolve(_model.Errors, errorRef, out var error))
                {
                    // Camunda takes an errorRef that names no <error> as the error code itself.
                    Warn(DiagnosticCodes.UnknownReference, $"{e.Name.LocalName} '{id}' refers to '{Shorten(errorRef)}', which is no <error> element; it is taken as the error code.", d, id);
                    return new ErrorEventDefinition(errorRef, null);
                }
                return new ErrorEventDefinition(error.Code ?? LocalRef(errorRef), error.Name);
            }
        }
        Error(DiagnosticCodes.UnsupportedEventDefinition,
            $"{e.Name.LocalName} '{id}' with a {kind.Replace("EventDefinition", "", StringComparison.Ordinal)} event definition is not supported.", d, id);
        return null;
    }

    private TimerEventDefinition? ReadTimer(XElement d, string id)
    {
        var parts = new[] { ("timeDate", TimerKind.Date), ("timeDuration", TimerKind.Duration), ("timeCycle", TimerKind.Cycle) }
            .Select(p => (Element: d.Element(Bpmn + p.Item1), Kind: p.Item2)).Where(p => p.Element is not null).ToList();
        if (parts.Count != 1)
        {
            Error(DiagnosticCodes.InvalidTimer, $"The timer of '{id}' needs exactly one of timeDate, timeDuration or timeCycle.", d, id);
            return null;
        }
        var (element, kind) = parts[0];
        var text = element!.Value.Trim();
        if (ExpressionParser.HasTemplateParts(text)) // one expression, or a composite such as P${days}D
            return new TimerEventDefinition(kind, text, Expression(text, element, id, "timer"));
        var valid = kind switch
        {
            TimerKind.Date => Iso8601.TryParseDateTime(text, out _),
            TimerKind.Duration => Iso8601.TryParseDuration(text, out var duration) && duration.Time >= TimeSpan.Zero && duration.Days >= 0,
            _ => Iso8601.TryParseRepeatingInterval(text, out _),
        };
        if (!valid)
        {
            var expected = kind switch
            {
                TimerKind.Date => "an ISO 8601 date-time such as 2026-12-01T09:00:00+08:00",
                TimerKind.Duration => "an ISO 8601 duration such as P15D or PT2H",
                _ => "an ISO 8601 repeating interval such as R3/P1D",
            };
            Error(DiagnosticCodes.InvalidTimer, $"The timer of '{id}' has '{text}', which is not {expected}.", element, id);
            return null;
        }
        return new TimerEventDefinition(kind, text, null);
    }

    /// <summary>
    /// Resolves a reference to a root element by id. A QName reference (<c>tns:newInvoice</c>, as Camunda's and Flowable's
    /// test files write them) names the element <c>newInvoice</c> of the file's target namespace: the prefix is dropped.
    /// </summary>
    private static bool TryResolve<T>(Dictionary<string, T> elements, string reference, out T value) =>
        elements.TryGetValue(reference, out value!) || (reference.Contains(':') && elements.TryGetValue(LocalRef(reference), out value!));

    internal static string LocalRef(string reference)
    {
        var colon = reference.IndexOf(':');
        return colon >= 0 ? reference[(colon + 1)..] : reference;
    }

    /// <summary>Text from the file quoted in a message, cut so that a hostile file cannot make diagnostics huge.</summary>
    internal static string Shorten(string text, int max = 80) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}

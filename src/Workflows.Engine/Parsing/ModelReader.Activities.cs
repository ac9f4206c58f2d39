using System.Globalization;
using System.Xml.Linq;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;

namespace Workflows.Engine.Parsing;

internal sealed partial class ModelReader
{
    private UserTask ReadUserTask(XElement e, string id, string? name, SourceLocation location, string? defaultFlow)
    {
        var reminders = new List<TimeSpan>();
        if (Attr(e, "reminders") is { } text)
        {
            foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (Iso8601.TryParseDuration(part, out var d) && d.AsTimeSpan is { } span && span > TimeSpan.Zero) reminders.Add(span);
                else Error(DiagnosticCodes.InvalidTimer, $"userTask '{id}' has the reminder offset '{part}', which is not a positive ISO 8601 duration in days or time such as P3D.", e, id);
            }
        }
        var workingDays = Attr(e, "workingDays");
        if (workingDays is not (null or "true" or "false"))
            Error(DiagnosticCodes.InvalidAttribute, $"userTask '{id}' has wf:workingDays=\"{workingDays}\"; use true or false.", e, id);
        var formKey = Attr(e, "formKey");
        return new UserTask
        {
            Id = id, Name = name, Location = location, DefaultFlowId = defaultFlow,
            Assignee = Value(e, id, "assignee"),
            CandidateUsers = Value(e, id, "candidateUsers"),
            CandidateGroups = Value(e, id, "candidateGroups"),
            DueDate = Value(e, id, "dueDate"),
            FollowUpDate = Value(e, id, "followUpDate"),
            Priority = Value(e, id, "priority"),
            FormKey = formKey,
            FormKeyExpression = formKey is not null && ExpressionParser.HasTemplateParts(formKey) ? Expression(formKey, e, id, "formKey") : null,
            NameExpression = name is not null && ExpressionParser.HasTemplateParts(name) ? Expression(name, e, id, "name") : null,
            ReminderOffsets = reminders.OrderByDescending(r => r).ToList(),
            WorkingDays = workingDays == "true",
            MultiInstance = ReadMultiInstance(e, id),
        };
    }

    private ServiceTask? ReadServiceTask(XElement e, string id, string? name, SourceLocation location, string? defaultFlow)
    {
        if (e.Attribute(Camunda + "class") is { } cls)
        {
            Error(DiagnosticCodes.UnsupportedElement, $"serviceTask '{id}' names the Java class '{cls.Value}': classes cannot be loaded here; bind it to a registered handler with wf:handler.", e, id);
            return null;
        }
        if (e.Attribute(Camunda + "expression") is not null)
        {
            Error(DiagnosticCodes.UnsupportedElement, $"serviceTask '{id}' uses camunda:expression: arbitrary expressions cannot call code here; use wf:handler.", e, id);
            return null;
        }
        var handler = (string?)e.Attribute(Wf + "handler");
        if (handler is null && (string?)e.Attribute(Camunda + "delegateExpression") is { } delegateExpression)
        {
            var inner = delegateExpression.Trim();
            if (ExpressionParser.IsExpression(inner) && inner.Length > 3) inner = inner[2..^1].Trim();
            handler = inner;
        }
        if (handler is null && (string?)e.Attribute(Camunda + "type") == "external") handler = (string?)e.Attribute(Camunda + "topic");
        if (string.IsNullOrWhiteSpace(handler))
        {
            Error(DiagnosticCodes.MissingHandler, $"serviceTask '{id}' names no handler: set wf:handler to a registered handler's name.", e, id);
            return null;
        }
        var retries = 3;
        if (Attr(e, "retries") is { } r && (!int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out retries) || retries < 1 || retries > 100))
        {
            Error(DiagnosticCodes.InvalidAttribute, $"serviceTask '{id}' has wf:retries=\"{r}\"; use a whole number from 1 to 100.", e, id);
            retries = 3;
        }
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in e.Element(Bpmn + "extensionElements")?.Elements(Wf + "parameter") ?? [])
            if ((string?)p.Attribute("name") is { } key) parameters[key] = p.Value;
        return new ServiceTask
        {
            Id = id, Name = name, Location = location, DefaultFlowId = defaultFlow, HandlerName = handler.Trim(), Retries = retries,
            Parameters = parameters, MultiInstance = ReadMultiInstance(e, id),
        };
    }

    private SendTask? ReadSendTask(XElement e, string id, string? name, SourceLocation location, string? defaultFlow)
    {
        var template = (string?)e.Attribute(Wf + "template");
        if (string.IsNullOrWhiteSpace(template))
        {
            Error(DiagnosticCodes.MissingTemplate, $"sendTask '{id}' names no email template: set wf:template.", e, id);
            return null;
        }
        return new SendTask
        {
            Id = id, Name = name, Location = location, DefaultFlowId = defaultFlow, Template = template,
            To = Value(e, id, "to"), MultiInstance = ReadMultiInstance(e, id),
        };
    }

    private CallActivity? ReadCallActivity(XElement e, string id, string? name, SourceLocation location, string? defaultFlow)
    {
        var called = (string?)e.Attribute("calledElement");
        if (string.IsNullOrWhiteSpace(called))
        {
            Error(DiagnosticCodes.MissingCalledElement, $"callActivity '{id}' names no process to call: set calledElement.", e, id);
            return null;
        }
        if (ExpressionParser.HasTemplateParts(called))
        {
            // Taken literally it would call a process named "${...}"; choosing the process at run time is not supported.
            Error(DiagnosticCodes.InvalidAttribute, $"callActivity '{id}' chooses the called process with an expression (\"{Shorten(called)}\"), which is not supported: name the process id.", e, id);
            return null;
        }
        int? version = null;
        var binding = (string?)e.Attribute(Camunda + "calledElementBinding") ?? "latest";
        if (binding == "version")
        {
            if (int.TryParse((string?)e.Attribute(Camunda + "calledElementVersion"), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0) version = v;
            else Error(DiagnosticCodes.InvalidAttribute, $"callActivity '{id}' binds by version but camunda:calledElementVersion is not a positive number.", e, id);
        }
        else if (binding != "latest")
            Error(DiagnosticCodes.InvalidAttribute, $"callActivity '{id}' has camunda:calledElementBinding=\"{binding}\"; use latest or version.", e, id);

        var extensions = e.Element(Bpmn + "extensionElements");
        var inMappings = PassedVariables(extensions, "in", id, $"callActivity '{id}'", out var inAll, out var passKey, out _);
        var outMappings = PassedVariables(extensions, "out", id, $"callActivity '{id}'", out var outAll, out _, out _);
        return new CallActivity
        {
            Id = id, Name = name, Location = location, DefaultFlowId = defaultFlow, CalledElement = called, CalledVersion = version,
            InAll = inAll, OutAll = outAll, InMappings = inMappings, OutMappings = outMappings, PassBusinessKey = passKey,
            MultiInstance = ReadMultiInstance(e, id),
        };
    }

    /// <summary>
    /// <c>camunda:in</c> / <c>camunda:out</c>: values passed to a called process (or back), or sent with a signal.
    /// <c>variables="all"</c> passes every visible variable (with <c>local="true"</c> only the element's own), and a
    /// <c>businessKey</c> entry passes the business key.
    /// </summary>
    private List<VariableMapping> PassedVariables(XElement? extensions, string kind, string id, string owner, out bool all, out bool businessKey,
        out bool localOnly)
    {
        all = false;
        businessKey = false;
        localOnly = false;
        var list = new List<VariableMapping>();
        foreach (var m in extensions?.Elements(Camunda + kind) ?? [])
        {
            if ((string?)m.Attribute("variables") == "all")
            {
                all = true;
                localOnly = (string?)m.Attribute("local") == "true";
                continue;
            }
            if (m.Attribute("businessKey") is not null) { businessKey = true; continue; }
            var target = (string?)m.Attribute("target");
            var source = (string?)m.Attribute("source");
            var sourceExpression = (string?)m.Attribute("sourceExpression");
            if (string.IsNullOrWhiteSpace(target) || (source is null && sourceExpression is null))
            {
                Error(DiagnosticCodes.InvalidAttribute, $"camunda:{kind} on {owner} needs target and source or sourceExpression.", m, id);
                continue;
            }
            var text = sourceExpression ?? source!;
            var expression = sourceExpression is not null ? Expression(text, m, id, $"camunda:{kind}", alwaysExpression: true) : Name(text, m, id);
            if (expression is not null) list.Add(new VariableMapping(target, text, expression));
        }
        return list;
    }

    private MultiInstance? ReadMultiInstance(XElement e, string id)
    {
        var mi = e.Element(Bpmn + "multiInstanceLoopCharacteristics");
        if (mi is null) return null;
        var collectionText = (string?)mi.Attribute(Camunda + "collection") ?? (string?)mi.Attribute(Wf + "collection") ?? mi.Element(Bpmn + "loopDataInputRef")?.Value.Trim();
        var cardinalityText = mi.Element(Bpmn + "loopCardinality")?.Value.Trim();
        var completionText = mi.Element(Bpmn + "completionCondition")?.Value.Trim();
        var outputElement = (string?)mi.Attribute(Wf + "outputElement");
        if (collectionText is null && string.IsNullOrEmpty(cardinalityText))
            Error(DiagnosticCodes.InvalidMultiInstance, $"The multi-instance of '{id}' needs camunda:collection or a loopCardinality.", mi, id);
        return new MultiInstance
        {
            IsSequential = (string?)mi.Attribute("isSequential") == "true",
            CollectionText = collectionText,
            // A bare name is a variable holding the list, as in Camunda ("members" means ${members}).
            Collection = collectionText is null ? null : Expression(collectionText, mi, id, "camunda:collection", alwaysExpression: true),
            ElementVariable = (string?)mi.Attribute(Camunda + "elementVariable") ?? (string?)mi.Attribute(Wf + "elementVariable"),
            LoopCardinality = string.IsNullOrEmpty(cardinalityText) ? null : Expression(cardinalityText, mi, id, "loopCardinality", alwaysExpression: true),
            CompletionCondition = string.IsNullOrEmpty(completionText) ? null : Condition(completionText, mi, id, "completionCondition"),
            CompletionConditionText = string.IsNullOrEmpty(completionText) ? null : completionText,
            OutputCollection = (string?)mi.Attribute(Wf + "outputCollection"),
            OutputElement = outputElement is null ? null : Expression(outputElement, mi, id, "wf:outputElement", alwaysExpression: true),
            Location = BpmnParser.Location(mi),
        };
    }

    /// <summary>
    /// camunda:inputOutput, read on every node kind that can run it: tasks, sub-processes, call activities, intermediate,
    /// boundary and end events as in Camunda 7, and gateways as bpmn-engine does (with a warning: Camunda refuses those).
    /// Refused on start events (nothing runs before them to read) and for the outputs of an end event, so nothing that
    /// would change a run is silently dropped.
    /// </summary>
    private void ReadInputOutput(XElement e, FlowNode node)
    {
        var io = e.Element(Bpmn + "extensionElements")?.Element(Camunda + "inputOutput");
        if (io is null) return;
        if (node is StartEvent)
        {
            Error(DiagnosticCodes.UnsupportedElement,
                $"camunda:inputOutput on {node} is not supported: a start event has no scope of its own to map into (Camunda refuses it too); set the variables when starting, or map them on the first task.",
                io, node.Id);
            return;
        }
        if (node is ExclusiveGateway or ParallelGateway or InclusiveGateway or EventBasedGateway)
            Warn(DiagnosticCodes.NotPortable,
                $"camunda:inputOutput on {node} is applied here (inputs on arrival, outputs when it is left), but Camunda 7 refuses mappings on gateways.",
                io, node.Id);
        node.Inputs = Mappings(io, node.Id, "inputParameter");
        var outputs = Mappings(io, node.Id, "outputParameter");
        if (outputs.Count > 0 && node is EndEvent)
            Error(DiagnosticCodes.UnsupportedElement, $"camunda:outputParameter on {node} is not supported: nothing follows an end event to receive it (Camunda refuses it too).", io, node.Id);
        else node.Outputs = outputs;
    }

    /// <summary>camunda:inputOutput parameters: text content is a literal, an expression, or text with <c>${...}</c> parts.</summary>
    private List<VariableMapping> Mappings(XElement io, string id, string kind)
    {
        var list = new List<VariableMapping>();
        foreach (var p in io.Elements(Camunda + kind))
        {
            var target = (string?)p.Attribute("name");
            if (string.IsNullOrWhiteSpace(target))
            {
                Error(DiagnosticCodes.InvalidAttribute, $"A camunda:{kind} on '{id}' has no name.", p, id);
                continue;
            }
            if (p.HasElements)
            {
                Error(DiagnosticCodes.UnsupportedElement, $"camunda:{kind} '{Shorten(target)}' on '{id}' uses a script, list or map: only text values and expressions are supported.", p, id);
                continue;
            }
            var text = p.Value.Trim();
            var expression = Expression(text, p, id, $"camunda:{kind} '{Shorten(target)}'");
            if (expression is not null) list.Add(new VariableMapping(target, text, expression));
        }
        return list;
    }

    /// <summary>Our attribute, else Camunda's of the same name.</summary>
    private static string? Attr(XElement e, string name)
    {
        var value = (string?)e.Attribute(Wf + name) ?? (string?)e.Attribute(Camunda + name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>An attribute that may be a literal (<c>tech-manager</c>, <c>P5D</c>) or an expression (<c>${inventorId}</c>).</summary>
    private CompiledExpression? Value(XElement e, string id, string name) =>
        Attr(e, name) is { } text ? Expression(text, e, id, name) : null;

    /// <summary>
    /// An attribute or parameter value: literal text, one expression (<c>${amount}</c>, typed), or a composite of text and
    /// <c>${...}</c> parts (<c>user-${who}</c>, always text). With <paramref name="alwaysExpression"/>, bare text is an
    /// expression too (a collection named <c>members</c>).
    /// </summary>
    private CompiledExpression? Expression(string text, XObject where, string id, string what, bool alwaysExpression = false)
    {
        if (ExpressionParser.TryParseValue(text, alwaysExpression, options.MaxExpressionLength, out var expression, out var error)) return expression;
        Add(new BpmnDiagnostic(DiagnosticCodes.ExpressionSyntax,
            $"The {what} of '{id}' is not a valid expression: {error!.Message} (at character {error.Position + 1} of \"{Shorten(text)}\").", id, BpmnParser.Location(where)));
        return null;
    }

    /// <summary>A condition: one expression yielding a boolean, so text mixed with <c>${...}</c> parts is refused.</summary>
    private CompiledExpression? Condition(string text, XObject where, string id, string what)
    {
        var expression = Expression(text, where, id, what, alwaysExpression: true);
        if (expression is not null && expression.IsComposite)
        {
            Add(new BpmnDiagnostic(DiagnosticCodes.ExpressionSyntax,
                $"The {what} of '{id}' mixes text with ${{...}} parts, which gives text, not true or false: write one expression (\"{Shorten(text)}\").", id, BpmnParser.Location(where)));
            return null;
        }
        return expression;
    }

    private CompiledExpression? Name(string text, XObject where, string id) => Expression(text, where, id, "variable name", alwaysExpression: true);

    private string? Id(XElement e)
    {
        var id = (string?)e.Attribute("id");
        if (!string.IsNullOrWhiteSpace(id)) return id;
        Error(DiagnosticCodes.MissingId, $"<{e.Name.LocalName}> has no id.", e);
        return null;
    }

    private void Error(string code, string message, XObject where, string? id = null) =>
        Add(new BpmnDiagnostic(code, message, id, BpmnParser.Location(where)));

    private void Warn(string code, string message, XObject where, string? id = null) =>
        Add(new BpmnDiagnostic(code, message, id, BpmnParser.Location(where), DiagnosticSeverity.Warning));

    private void Add(BpmnDiagnostic diagnostic) => diagnostics.Add(diagnostic);
}

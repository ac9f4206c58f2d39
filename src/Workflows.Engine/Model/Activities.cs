using Workflows.Engine.Expressions;

namespace Workflows.Engine.Model;

public abstract class Activity : FlowNode
{
    public MultiInstance? MultiInstance { get; init; }
    public List<BoundaryEvent> BoundaryEvents { get; } = new();
}

/// <summary>target := expression. Used for input/output and call-activity in/out mappings.</summary>
public sealed record VariableMapping(string Target, string SourceText, CompiledExpression Source);

/// <summary>Multi-instance loop characteristics (parallel or sequential).</summary>
public sealed class MultiInstance
{
    public bool IsSequential { get; init; }
    /// <summary>camunda:collection (or loopDataInputRef): expression yielding a list.</summary>
    public CompiledExpression? Collection { get; init; }
    public string? CollectionText { get; init; }
    /// <summary>camunda:elementVariable: the local variable holding the current item.</summary>
    public string? ElementVariable { get; init; }
    /// <summary>loopCardinality: expression yielding a count, when no collection is given.</summary>
    public CompiledExpression? LoopCardinality { get; init; }
    public CompiledExpression? CompletionCondition { get; init; }
    public string? CompletionConditionText { get; init; }
    /// <summary>wf:outputCollection: a list variable on the multi-instance body collecting each item's result
    /// (usable in the completion condition, e.g. <c>count(votes[item = "approve"]) >= 2</c>), copied out on completion.</summary>
    public string? OutputCollection { get; init; }
    /// <summary>wf:outputElement: expression evaluated in the item's scope when it completes (default: the variable of the same name as <see cref="ElementVariable"/>'s result).</summary>
    public CompiledExpression? OutputElement { get; init; }
    public SourceLocation Location { get; init; }
}

public sealed class UserTask : Activity
{
    public override string ElementType => "userTask";
    /// <summary>Expression for one user id (camunda:assignee or our wf:assignee).</summary>
    public CompiledExpression? Assignee { get; init; }
    /// <summary>Expression yielding a user id or a list of user ids (comma-separated literal allowed).</summary>
    public CompiledExpression? CandidateUsers { get; init; }
    /// <summary>Expression yielding a role/group or list of them.</summary>
    public CompiledExpression? CandidateGroups { get; init; }
    /// <summary>Due date: an ISO 8601 duration from creation, an ISO date-time, or an expression yielding either.</summary>
    public CompiledExpression? DueDate { get; init; }
    public CompiledExpression? FollowUpDate { get; init; }
    public CompiledExpression? Priority { get; init; }
    /// <summary>camunda:formKey as written (literal text, or a template such as <c>embedded:app:forms/${kind}.html</c>).</summary>
    public string? FormKey { get; init; }
    /// <summary>The form key as an expression, set when it holds <c>${...}</c> parts (Camunda evaluates it when the task is created).</summary>
    public CompiledExpression? FormKeyExpression { get; init; }
    /// <summary>Our extension: reminders before the due date ("P3D,P1D": 3 days and 1 day before due).</summary>
    public IReadOnlyList<TimeSpan> ReminderOffsets { get; init; } = Array.Empty<TimeSpan>();
    /// <summary>Our extension: whether due dates and reminder offsets count working days (holiday calendar).</summary>
    public bool WorkingDays { get; init; }
    /// <summary>Our extension (<c>wf:personal</c>): the task is its assignee's own: nobody reassigns, delegates or gives it
    /// back, and nobody else completes it, administrators included (a committee member's vote).</summary>
    public bool Personal { get; init; }
    /// <summary>Our extension (<c>wf:confidential</c>): what its completer submits is sealed: never written in clear to the
    /// history, the task row or the variables; only service tasks read it (a ballot before the close).</summary>
    public bool Confidential { get; init; }
}

public sealed class ServiceTask : Activity
{
    public override string ElementType => "serviceTask";
    /// <summary>The registered C# handler's name (wf:handler, or camunda:delegateExpression/type=external topic).</summary>
    public required string HandlerName { get; init; }
    /// <summary>How many attempts before an incident (default 3).</summary>
    public int Retries { get; init; } = 3;
    /// <summary>Static parameters from wf:parameter children, as text.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
}

/// <summary>A send task: an email through the notification port.</summary>
public sealed class SendTask : Activity
{
    public override string ElementType => "sendTask";
    /// <summary>wf:template: the email template key.</summary>
    public required string Template { get; init; }
    /// <summary>wf:to: expression yielding user ids, roles ("role:committee") or addresses.</summary>
    public CompiledExpression? To { get; init; }
}

/// <summary>A task with no behaviour (bpmn:task, manualTask): passes through.</summary>
public sealed class PassThroughTask : Activity
{
    public required string Kind { get; init; }
    public override string ElementType => Kind;
}

public sealed class SubProcess : Activity
{
    public override string ElementType => "subProcess";
    public List<FlowNode> Nodes { get; } = new();
    public List<SequenceFlow> Flows { get; } = new();
    public StartEvent? StartEvent => Nodes.OfType<StartEvent>().FirstOrDefault();

    /// <summary>
    /// Where a token starts inside: the start event, or, when there is none (BPMN 2.0 13.3.4, as bpmn-js and
    /// bpmn-engine allow), every node without an incoming flow that is not a boundary event.
    /// </summary>
    public IEnumerable<FlowNode> InitialNodes =>
        StartEvent is { } start ? [start] : Nodes.Where(n => n.Incoming.Count == 0 && n is not BoundaryEvent);
}

public sealed class CallActivity : Activity
{
    public override string ElementType => "callActivity";
    /// <summary>The called process id (calledElement).</summary>
    public required string CalledElement { get; init; }
    /// <summary>camunda:calledElementVersion when binding is "version"; null means latest published.</summary>
    public int? CalledVersion { get; init; }
    /// <summary>camunda:in variables="all".</summary>
    public bool InAll { get; init; }
    /// <summary>camunda:out variables="all".</summary>
    public bool OutAll { get; init; }
    /// <summary>camunda:in source/sourceExpression -> target: evaluated in the caller, written in the child.</summary>
    public IReadOnlyList<VariableMapping> InMappings { get; init; } = Array.Empty<VariableMapping>();
    /// <summary>camunda:out: evaluated in the child at its end, written in the caller.</summary>
    public IReadOnlyList<VariableMapping> OutMappings { get; init; } = Array.Empty<VariableMapping>();
    /// <summary>camunda:in businessKey="#{execution.processBusinessKey}" passes the business key on.</summary>
    public bool PassBusinessKey { get; init; }
}

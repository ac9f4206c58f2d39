using Workflows.Engine.Contracts;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime.Execution.Behaviors;
using Workflows.Engine.Runtime.Execution.Subscriptions;

namespace Workflows.Engine.Runtime.Execution;

/// <summary>
/// The one place that says which behavior runs a BPMN element and which subscription an event definition has: the
/// only switch on node type in the runtime. A new element kind or event definition is one type and one line here.
/// </summary>
internal sealed class BehaviorRegistry
{
    private readonly ElementBehavior _startEvent, _endEvent, _catchEvent, _throwEvent, _boundaryEvent;
    private readonly ElementBehavior _exclusive, _parallel, _inclusive, _eventBased;
    private readonly ElementBehavior _userTask, _serviceTask, _sendTask, _passThrough, _subProcess;
    private readonly MessageSubscription _message;
    private readonly TerminateSubscription _terminate;

    public BehaviorRegistry(Executor engine)
    {
        _startEvent = new StartEventBehavior(engine);
        _endEvent = new EndEventBehavior(engine);
        _catchEvent = new IntermediateCatchEventBehavior(engine);
        _throwEvent = new IntermediateThrowEventBehavior(engine);
        _boundaryEvent = new BoundaryEventBehavior(engine);
        _exclusive = new ExclusiveGatewayBehavior(engine);
        _parallel = new ParallelGatewayBehavior(engine);
        _inclusive = new InclusiveGatewayBehavior(engine);
        _eventBased = new EventBasedGatewayBehavior(engine);
        _userTask = new UserTaskBehavior(engine);
        _serviceTask = new ServiceTaskBehavior(engine);
        _sendTask = new SendTaskBehavior(engine);
        _passThrough = new PassThroughTaskBehavior(engine);
        _subProcess = new SubProcessBehavior(engine);
        CallActivities = new CallActivityBehavior(engine);
        MultiInstance = new MultiInstanceBehavior(engine);
        Timer = new TimerSubscription(engine);
        _message = new MessageSubscription(engine);
        _terminate = new TerminateSubscription(engine);
        Error = new ErrorSubscription(engine);
        Signal = new SignalSubscription(engine);
    }

    /// <summary>Called instances that end resume their call activity through it.</summary>
    public CallActivityBehavior CallActivities { get; }

    /// <summary>Wraps any activity that has multi-instance characteristics.</summary>
    public MultiInstanceBehavior MultiInstance { get; }

    /// <summary>Errors are thrown from service tasks and offered to callers through it.</summary>
    public ErrorSubscription Error { get; }

    /// <summary>Signals sent from outside are broadcast with it.</summary>
    public SignalSubscription Signal { get; }

    /// <summary>Timer start events are planned and fired by the runtime with it.</summary>
    public TimerSubscription Timer { get; }

    public ElementBehavior For(FlowNode node) => node switch
    {
        StartEvent => _startEvent,
        EndEvent => _endEvent,
        IntermediateCatchEvent => _catchEvent,
        IntermediateThrowEvent => _throwEvent,
        BoundaryEvent => _boundaryEvent,
        ExclusiveGateway => _exclusive,
        ParallelGateway => _parallel,
        InclusiveGateway => _inclusive,
        EventBasedGateway => _eventBased,
        UserTask => _userTask,
        ServiceTask => _serviceTask,
        SendTask => _sendTask,
        PassThroughTask => _passThrough,
        SubProcess => _subProcess,
        CallActivity => CallActivities,
        _ => throw new InvalidOperationWorkflowException($"{node} cannot be executed."),
    };

    public EventSubscription For(EventDefinition definition) => definition switch
    {
        TimerEventDefinition => Timer,
        MessageEventDefinition => _message,
        ErrorEventDefinition => Error,
        TerminateEventDefinition => _terminate,
        SignalEventDefinition => Signal,
        _ => throw new InvalidOperationWorkflowException($"The engine does not support a {definition.GetType().Name}."),
    };
}

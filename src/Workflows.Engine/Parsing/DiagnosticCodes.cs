namespace Workflows.Engine.Parsing;

/// <summary>The stable codes of BPMN diagnostics (documented in doc/bpmn-subset.md).</summary>
public static class DiagnosticCodes
{
    public const string MalformedXml = "BPMN001";
    public const string DuplicateId = "BPMN002";
    public const string NoExecutableProcess = "BPMN003";
    public const string UnsupportedElement = "BPMN004";
    public const string UnsupportedEventDefinition = "BPMN005";
    public const string DanglingFlow = "BPMN006";
    public const string FlowCrossesScope = "BPMN007";
    public const string StartEventCount = "BPMN008";
    public const string NoOutgoingFlow = "BPMN009";
    public const string WrongFlowDirection = "BPMN010";
    public const string Unreachable = "BPMN011";
    public const string GatewayMayChooseNoPath = "BPMN012";
    public const string InvalidDefaultFlow = "BPMN013";
    public const string ConditionOnParallelGateway = "BPMN014";
    public const string InvalidEventGateway = "BPMN015";
    public const string InvalidBoundaryEvent = "BPMN016";
    public const string InvalidMultiInstance = "BPMN017";
    public const string ExpressionSyntax = "BPMN018";
    public const string InvalidTimer = "BPMN019";
    public const string UnknownHandler = "BPMN020";
    public const string UnknownTemplate = "BPMN021";
    public const string MissingHandler = "BPMN022";
    public const string MissingTemplate = "BPMN023";
    public const string MissingCalledElement = "BPMN024";
    public const string NoAssignment = "BPMN025";
    public const string MissingId = "BPMN026";
    public const string UnknownReference = "BPMN027";
    public const string TooLarge = "BPMN028";
    public const string NotExecutable = "BPMN029";
    public const string IgnoredExtension = "BPMN030";
    public const string InvalidAttribute = "BPMN031";
    public const string InvalidMessage = "BPMN032";
    public const string NestedTooDeep = "BPMN033";
    public const string TooManyElements = "BPMN034";
    /// <summary>A warning: accepted and run here, but Camunda 7 would refuse it.</summary>
    public const string NotPortable = "BPMN035";
    /// <summary>A signal without a name, two signals with one name, or two start events of one process for one signal.</summary>
    public const string InvalidSignal = "BPMN036";
}

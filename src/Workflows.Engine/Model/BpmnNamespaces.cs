namespace Workflows.Engine.Model;

/// <summary>The XML namespaces the parser reads.</summary>
public static class BpmnNamespaces
{
    public const string Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public const string BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";
    public const string Camunda = "http://camunda.org/schema/1.0/bpmn";
    /// <summary>Our own extension namespace (prefix <c>wf</c>).</summary>
    public const string Workflow = "http://workflowhost.org/schema/bpmn/1.0";
    public const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";
}

namespace Workflows.Conformance.Tests;

/// <summary>
/// Several corpus models are the called side of a call-activity test (the caller lives in the source test's own
/// resources): these write the caller the source test uses, in our own words, so the model runs as it is called there.
/// </summary>
public static class Callers
{
    /// <summary>"caller": a call activity passing every variable in and out, then "Task after subprocess".</summary>
    public static string Calling(string calledProcessId, string multiInstance = "") => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="callerDefinitions" targetNamespace="http://workflowhost.org/conformance">
          <process id="caller" isExecutable="true">
            <startEvent id="callerStart" />
            <sequenceFlow id="c1" sourceRef="callerStart" targetRef="callSubProcess" />
            <callActivity id="callSubProcess" calledElement="{{calledProcessId}}">
              <extensionElements>
                <camunda:in variables="all" />
                <camunda:out variables="all" />
              </extensionElements>
              {{multiInstance}}
            </callActivity>
            <sequenceFlow id="c2" sourceRef="callSubProcess" targetRef="taskAfterSubProcess" />
            <userTask id="taskAfterSubProcess" name="Task after subprocess" />
            <sequenceFlow id="c3" sourceRef="taskAfterSubProcess" targetRef="callerEnd" />
            <endEvent id="callerEnd" />
          </process>
        </definitions>
        """;

    /// <summary>Flowable's InclusiveGatewayTest.testJoinAfterCallSubProcess caller: an inclusive fork to a call
    /// activity and a task, joined by an inclusive gateway.</summary>
    public static string InclusiveJoinAfterCall(string calledProcessId) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="callerDefinitions" targetNamespace="http://workflowhost.org/conformance">
          <process id="caller" isExecutable="true">
            <startEvent id="callerStart" />
            <sequenceFlow id="c1" sourceRef="callerStart" targetRef="fork" />
            <inclusiveGateway id="fork" />
            <sequenceFlow id="c2" sourceRef="fork" targetRef="taskA"><conditionExpression xsi:type="tFormalExpression">${true}</conditionExpression></sequenceFlow>
            <sequenceFlow id="c3" sourceRef="fork" targetRef="callSubProcess"><conditionExpression xsi:type="tFormalExpression">${true}</conditionExpression></sequenceFlow>
            <userTask id="taskA" name="Task A" />
            <callActivity id="callSubProcess" calledElement="{{calledProcessId}}" />
            <sequenceFlow id="c4" sourceRef="taskA" targetRef="join" />
            <sequenceFlow id="c5" sourceRef="callSubProcess" targetRef="join" />
            <inclusiveGateway id="join" />
            <sequenceFlow id="c6" sourceRef="join" targetRef="taskAfterJoin" />
            <userTask id="taskAfterJoin" name="Task after join" />
            <sequenceFlow id="c7" sourceRef="taskAfterJoin" targetRef="callerEnd" />
            <endEvent id="callerEnd" />
          </process>
        </definitions>
        """;
}

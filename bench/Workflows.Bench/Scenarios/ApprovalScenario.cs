using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;

namespace Workflows.Bench.Scenarios;

/// <summary>
/// (b) A five-user-task approval: submit, screen, an exclusive gateway, assess, a three-member committee vote
/// (parallel multi-instance with a majority completion condition) and sign. Start + 1 + 1 + 1 + 2 or 3 votes + 1.
/// </summary>
public sealed class ApprovalScenario : BenchScenario
{
    public override string Name => "approval";
    public override string Description => "5 user tasks, exclusive gateway, 3-member vote";
    public override string ProcessId => "bench_approval";
    public override int StepsPerInstance => 7;

    public override string Bpmn => """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:wf="http://workflowhost.org/schema/bpmn/1.0" id="bench_b" targetNamespace="http://workflowhost.org/bench">
          <bpmn:process id="bench_approval" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="submit" />
            <bpmn:userTask id="submit" camunda:assignee="${inventor}" />
            <bpmn:sequenceFlow id="f2" sourceRef="submit" targetRef="screen" />
            <bpmn:userTask id="screen" camunda:candidateGroups="tech-manager" camunda:dueDate="P5D" />
            <bpmn:sequenceFlow id="f3" sourceRef="screen" targetRef="decide" />
            <bpmn:exclusiveGateway id="decide" default="toEnd" />
            <bpmn:sequenceFlow id="toAssess" sourceRef="decide" targetRef="assess">
              <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${complete}</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="toEnd" sourceRef="decide" targetRef="endReturned" />
            <bpmn:userTask id="assess" camunda:candidateGroups="tech-manager" />
            <bpmn:sequenceFlow id="f4" sourceRef="assess" targetRef="vote" />
            <bpmn:userTask id="vote" camunda:assignee="${member}">
              <bpmn:multiInstanceLoopCharacteristics camunda:collection="${members}" camunda:elementVariable="member" wf:outputCollection="votes">
                <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">count(votes[vote = "approve"]) &gt; nrOfInstances / 2</bpmn:completionCondition>
              </bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f5" sourceRef="vote" targetRef="sign" />
            <bpmn:userTask id="sign" camunda:candidateGroups="tech-manager" />
            <bpmn:sequenceFlow id="f6" sourceRef="sign" targetRef="endSigned" />
            <bpmn:endEvent id="endSigned" />
            <bpmn:endEvent id="endReturned" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    public override async Task<int> RunInstanceAsync(IWorkflowRuntime runtime, IWorkflowStore store, int index)
    {
        var instance = await runtime.StartAsync(new StartRequest
        {
            ProcessId = ProcessId, BusinessKey = $"B-{index}",
            Variables = new JsonObject { ["inventor"] = $"inventor{index % 50}", ["members"] = new JsonArray("wang", "li", "zhang") },
        });
        var steps = 1;
        while (true)
        {
            var open = await store.GetOpenTasksOfInstanceAsync(instance.Id);
            if (open.Count == 0) return steps;
            var task = open[0];
            var variables = task.ElementId switch
            {
                "screen" => new JsonObject { ["complete"] = true },
                "vote" => new JsonObject { ["vote"] = "approve" },
                _ => null,
            };
            await runtime.CompleteTaskAsync(task.Id, Manager, variables);
            steps++;
        }
    }
}

using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;

namespace Workflows.Bench.Scenarios;

/// <summary>(a) start -> user task -> complete -> end: two steps an instance.</summary>
public sealed class SingleTaskScenario : BenchScenario
{
    public override string Name => "single-task";
    public override string Description => "start -> user task -> complete -> end";
    public override string ProcessId => "bench_single_task";
    public override int StepsPerInstance => 2;

    public override string Bpmn => """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="bench_a" targetNamespace="http://workflowhost.org/bench">
          <bpmn:process id="bench_single_task" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
            <bpmn:userTask id="review" camunda:candidateGroups="tech-manager" />
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    public override async Task<int> RunInstanceAsync(IWorkflowRuntime runtime, IWorkflowStore store, int index)
    {
        var instance = await runtime.StartAsync(new StartRequest { ProcessId = ProcessId, BusinessKey = $"A-{index}" });
        // The waiting token names its task, so no inbox query is needed to find it.
        var taskId = instance.State.Tokens.Single().TaskId!.Value;
        await runtime.CompleteTaskAsync(taskId, Manager, null);
        return 2;
    }
}

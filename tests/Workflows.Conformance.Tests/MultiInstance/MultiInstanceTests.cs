namespace Workflows.Conformance.Tests.MultiInstance;

/// <summary>Multi-instance activities, as the source engines' MultiInstanceTest drive them.</summary>
public sealed class MultiInstanceTests
{
    [ConformanceFact("camunda__MultiInstanceTest.testNestedSequentialUserTasks.bpmn20.xml", "camunda MultiInstanceTest.testNestedSequentialUserTasks")]
    public async Task Sequential_tasks_nested_in_three_sub_processes_come_one_at_a_time()
    {
        var run = await ModelRun.PublishAsync("camunda__MultiInstanceTest.testNestedSequentialUserTasks.bpmn20.xml");
        var instance = await run.StartAsync("miNestedSequentialUserTasks");

        for (var i = 0; i < 3; i++)
        {
            var task = Assert.Single(await run.OpenTasksAsync());
            Assert.Equal("My Task", task.Name);
            Assert.Equal("kermit", task.Assignee);
            await run.CompleteAsync(task);
        }

        await run.AssertEndedAsync(instance.Id);
        Assert.Equal(3, await run.TasksCreatedAsync(instance.Id, "miTasks"));
    }

    [ConformanceFact("flowable__MultiInstanceTest.testZeroLoopCardinalityOnParallelUserTask.bpmn20.xml",
        "flowable MultiInstanceTest.testZeroLoopCardinalityOnParallelUserTask")]
    public async Task Zero_cardinality_skips_the_activity()
    {
        var run = await ModelRun.PublishAsync("flowable__MultiInstanceTest.testZeroLoopCardinalityOnParallelUserTask.bpmn20.xml");
        var instance = await run.StartAsync("parallelUserTaskMi");

        await run.AssertEndedAsync(instance.Id);
        Assert.Equal(0, await run.TasksCreatedAsync(instance.Id, "theTask"));
    }
}

using Workflows.Engine.Runtime;

namespace Workflows.Conformance.Tests.Tasks;

/// <summary>User-task attributes (assignee, candidates, due date, names), as the source engines' user-task tests read them.</summary>
public sealed class UserTaskTests
{
    [ConformanceFact("camunda__TaskAssignmentExtensionsTest.testAssigneeExtension.bpmn20.xml", "camunda TaskAssignmentExtensionsTest.testAssigneeExtension")]
    public async Task Assignee_attribute_assigns_the_task()
    {
        var run = await ModelRun.PublishAsync("camunda__TaskAssignmentExtensionsTest.testAssigneeExtension.bpmn20.xml");
        var instance = await run.StartAsync("assigneeExtension");

        var task = await run.TaskAsync("my task");
        Assert.Equal("kermit", task.Assignee);
        Assert.Single(await run.Store.QueryTasksAsync(new TaskQuery { Assignee = "kermit" }));
        await run.CompleteAsync(task);
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__TaskAssignmentExtensionsTest.testCandidateGroupsExtension.bpmn20.xml",
        "camunda TaskAssignmentExtensionsTest.testCandidateGroupsExtension")]
    public async Task Candidate_groups_list_makes_the_task_visible_to_each_group()
    {
        var run = await ModelRun.PublishAsync("camunda__TaskAssignmentExtensionsTest.testCandidateGroupsExtension.bpmn20.xml");
        var instance = await run.StartAsync("candidateGroupsExtension");

        var task = await run.TaskAsync("make profit");
        Assert.Equal(["management", "accountancy"], task.CandidateGroups);
        Assert.Null(task.Assignee);
        Assert.Single(await run.Store.QueryTasksAsync(new TaskQuery { ActionableBy = "gonzo", CandidateGroups = ["management"] }));
        Assert.Single(await run.Store.QueryTasksAsync(new TaskQuery { ActionableBy = "fozzie", CandidateGroups = ["accountancy"] }));
        Assert.Empty(await run.Store.QueryTasksAsync(new TaskQuery { ActionableBy = "kermit", CandidateGroups = ["sales"] }));
        await run.CompleteAsync(task);
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__TaskDueDateExtensionsTest.testDueDateExtension.bpmn20.xml", "camunda TaskDueDateExtensionsTest.testDueDateExtension")]
    public async Task Due_date_comes_from_a_date_variable()
    {
        var run = await ModelRun.PublishAsync("camunda__TaskDueDateExtensionsTest.testDueDateExtension.bpmn20.xml");
        var due = new DateTimeOffset(2026, 3, 20, 17, 0, 0, TimeSpan.Zero);
        var instance = await run.StartAsync("dueDateExtension", new { dateVariable = due.ToString("O") });

        Assert.Equal(due, (await run.TaskAsync("my task")).DueAt);
        await run.CompleteAsync("my task");
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__TaskDueDateExtensionsTest.testDueDateStringExtension.bpmn20.xml", "camunda TaskDueDateExtensionsTest.testDueDateStringExtension")]
    public async Task Due_date_comes_from_an_iso_text_variable()
    {
        var run = await ModelRun.PublishAsync("camunda__TaskDueDateExtensionsTest.testDueDateStringExtension.bpmn20.xml");
        var instance = await run.StartAsync("dueDateExtension", new { dateVariable = "1986-07-06T12:10:00" });

        var due = (await run.TaskAsync("my task")).DueAt!.Value;
        Assert.Equal(new DateTime(1986, 7, 6, 12, 10, 0), due.UtcDateTime);
        await run.CompleteAsync("my task");
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("flowable__UserTaskTest.testTaskNameWithExpression.bpmn20.xml", "flowable UserTaskTest.testTaskNameWithExpression")]
    public async Task Task_name_is_evaluated_from_a_variable()
    {
        var run = await ModelRun.PublishAsync("flowable__UserTaskTest.testTaskNameWithExpression.bpmn20.xml");
        var instance = await run.StartAsync("oneTaskProcess", new { testVar = "someVariableValue" });

        Assert.Equal("someVariableValue", (await run.TaskAsync("theTask")).Name);
        await run.CompleteAsync("theTask");
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("flowable__DynamicUserTaskTest.expressionname.bpmn20.xml", "flowable DynamicUserTaskTest.testChangeNameWithExpression")]
    public async Task Task_name_expression_reads_the_instance_variables()
    {
        var run = await ModelRun.PublishAsync("flowable__DynamicUserTaskTest.expressionname.bpmn20.xml");
        var first = await run.StartAsync("dynamicUserTask", new { taskName = "Review the disclosure" });
        var second = await run.StartAsync("dynamicUserTask", new { taskName = "Price the licence" });

        var names = (await run.OpenTasksAsync()).Select(t => t.Name ?? "").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["Price the licence", "Review the disclosure"], names);
        foreach (var task in await run.OpenTasksAsync()) await run.CompleteAsync(task);
        await run.AssertEndedAsync(first.Id);
        await run.AssertEndedAsync(second.Id);
    }

    [ConformanceFact("flowable__DynamicUserTaskTest.namedtask.bpmn20.xml", "flowable DynamicUserTaskTest.testChangeAssignee (named task)")]
    public async Task Named_task_keeps_its_name_and_can_be_reassigned()
    {
        var run = await ModelRun.PublishAsync("flowable__DynamicUserTaskTest.namedtask.bpmn20.xml");
        var instance = await run.StartAsync("dynamicUserTask");

        var task = await run.TaskAsync("Task 1");
        Assert.Null(task.Assignee);
        await run.Runtime.ReassignTaskAsync(task.Id, new Workflows.Engine.Contracts.Actor("admin", [], IsAdministrator: true), "fozzie");
        Assert.Equal("fozzie", (await run.TaskAsync("task1")).Assignee);
        await run.CompleteAsync("task1");
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("flowable__DynamicUserTaskTest.basictask.bpmn20.xml", "flowable DynamicUserTaskTest.testChangeCandidateGroups (basic task)")]
    public async Task Unnamed_unassigned_task_is_for_administrators_until_claimed()
    {
        var run = await ModelRun.PublishAsync("flowable__DynamicUserTaskTest.basictask.bpmn20.xml");
        var instance = await run.StartAsync("dynamicUserTask");

        var task = await run.TaskAsync("task1");
        Assert.Null(task.Name);
        Assert.Empty(task.CandidateGroups);
        await run.Runtime.ClaimTaskAsync(task.Id, new Workflows.Engine.Contracts.Actor("admin", [], IsAdministrator: true));
        Assert.Equal("admin", (await run.TaskAsync("task1")).Assignee);
        await run.CompleteAsync("task1");
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__InputOutputTest.testOutputPlainTask.bpmn20.xml", "camunda InputOutputTest.testOutputPlainTask")]
    public async Task Plain_task_output_mapping_reads_its_input_mapping()
    {
        var run = await ModelRun.PublishAsync("camunda__InputOutputTest.testOutputPlainTask.bpmn20.xml");
        var instance = await run.StartAsync("process", new { foo = "bar" });

        Assert.Equal("baroque", (await run.VariableAsync(instance.Id, "var"))!.GetValue<string>());
        await run.CompleteAsync("Check");
        await run.AssertEndedAsync(instance.Id);
    }
}

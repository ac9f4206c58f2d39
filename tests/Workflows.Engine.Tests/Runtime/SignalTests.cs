using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>
/// Signals on every store: a throw or a broadcast reaches every instance that waits for the signal's name (their
/// subscriptions are bookmark rows), boundary signals interrupt or add a path, signal start events start instances.
/// </summary>
public sealed class SignalTests : RuntimeTestBase
{
    private static readonly Actor Admin = new("admin", ["workflow-administrator"], IsAdministrator: true);

    private static Task<ProcessInstance> StartAsync(RuntimeHarness h, string processId, object? variables = null, string? businessKey = null) =>
        h.Runtime.StartAsync(new StartRequest
        {
            ProcessId = processId, BusinessKey = businessKey, StartedBy = "starter",
            Variables = variables is null ? null : System.Text.Json.JsonSerializer.SerializeToNode(variables)!.AsObject(),
        });

    private static async Task<List<Bookmark>> SignalSubscriptionsAsync(RuntimeHarness h, string name) =>
        (await h.Store.FindSignalSubscriptionsAsync(name)).ToList();

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Signal_thrown_by_one_instance_resumes_every_instance_waiting_for_it(string store)
    {
        var h = await HarnessAsync(store);
        var first = await h.StartAsync("signal-catch-throw.bpmn", new { title = "Sensor" });
        var second = await StartAsync(h, "awaitRecall", new { title = "Battery" });
        Assert.Equal(2, (await SignalSubscriptionsAsync(h, "recall")).Count);

        var thrower = await StartAsync(h, "announceRecall", new { reason = "prior art found", secret = "stays home" });

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(thrower.Id)).Status);
        foreach (var waiting in new[] { first, second })
        {
            await h.TaskAsync(waiting.Id, "reassess");
            Assert.Equal("prior art found", (await h.VariableAsync(waiting.Id, "recallReason"))!.GetValue<string>());
            Assert.Null(await h.VariableAsync(waiting.Id, "secret"));
            Assert.Contains(await h.HistoryAsync(waiting.Id), e => e.Event == HistoryEventType.SignalReceived && e.ElementId == "recalled");
        }
        Assert.Equal("Sensor", (await h.VariableAsync(first.Id, "title"))!.GetValue<string>());
        Assert.Contains(await h.HistoryAsync(thrower.Id), e => e.Event == HistoryEventType.SignalThrown && e.ElementId == "announce");
        Assert.Empty(await SignalSubscriptionsAsync(h, "recall"));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Broadcast_reaches_the_waiting_instances_with_its_variables_and_counts_them(string store)
    {
        var h = await HarnessAsync(store);
        var waiting = await h.StartAsync("signal-catch-throw.bpmn");
        var counted = Assert.Single(await h.Store.CountActivitiesAsync("awaitRecall"));
        Assert.Equal(("recalled", 1), (counted.ElementId, counted.Waiting));

        var reached = await h.Runtime.BroadcastSignalAsync("recall", new JsonObject { ["recallReason"] = "licence revoked" }, "office-head");

        Assert.Equal(1, reached);
        await h.TaskAsync(waiting.Id, "reassess");
        Assert.Equal("licence revoked", (await h.VariableAsync(waiting.Id, "recallReason"))!.GetValue<string>());
        Assert.Equal("office-head", (await h.HistoryAsync(waiting.Id)).Single(e => e.Event == HistoryEventType.SignalReceived).Actor);
        Assert.Equal(0, await h.Runtime.BroadcastSignalAsync("recall", null));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Interrupting_boundary_signal_cancels_the_task_and_takes_its_path(string store)
    {
        var h = await HarnessAsync(store);
        var other = await h.StartAsync("signal-boundaries.bpmn", new { inventionId = "INV-2" });
        var instance = await StartAsync(h, "assessment", new { inventionId = "INV-1" });
        var assess = await h.TaskAsync(instance.Id, "assess");
        // The signal's name is a template, evaluated for each instance when its subscription opens.
        Assert.Single(await SignalSubscriptionsAsync(h, "withdrawn-INV-1"));

        Assert.Equal(1, await h.Runtime.BroadcastSignalAsync("withdrawn-INV-1", null));

        Assert.Equal(UserTaskStatus.Cancelled, (await h.Store.GetTaskAsync(assess.Id))!.Status);
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(instance.Id)).Status);
        Assert.Contains(await h.HistoryAsync(instance.Id), e => e.Event == HistoryEventType.ActivityEntered && e.ElementId == "closed");
        Assert.Empty(await h.Store.GetBookmarksOfInstanceAsync(instance.Id));
        Assert.Empty(await h.NotificationsAsync(NotificationKinds.TaskEscalated)); // a signal is no escalation
        await h.TaskAsync(other.Id, "assess");
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Non_interrupting_boundary_signal_adds_a_path_each_time_while_the_task_stays_open(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("signal-boundaries.bpmn", new { inventionId = "INV-1" });
        var assess = await h.TaskAsync(instance.Id, "assess");

        Assert.Equal(1, await h.Runtime.BroadcastSignalAsync("policy-updated", null));
        Assert.Equal(1, await h.Runtime.BroadcastSignalAsync("policy-updated", null));

        Assert.Equal(2, (await h.OpenTasksAsync(instance.Id)).Count(t => t.ElementId == "reread"));
        Assert.True((await h.Store.GetTaskAsync(assess.Id))!.IsOpen);
        await h.CompleteAsync(instance.Id, "assess");
        // The activity is over: its boundary events listen no more.
        Assert.Empty(await SignalSubscriptionsAsync(h, "policy-updated"));
        Assert.Empty(await SignalSubscriptionsAsync(h, "withdrawn-INV-1"));
        Assert.Equal(0, await h.Runtime.BroadcastSignalAsync("policy-updated", null));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Signal_start_event_starts_an_instance_with_what_the_end_event_sends(string store)
    {
        var h = await HarnessAsync(store);
        await h.PublishAsync("signal-start.bpmn");

        var opener = await StartAsync(h, "openCall", new { contact = "zhao", budget = 5 }, businessKey: "CALL-2026");

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(opener.Id)).Status);
        var started = Assert.Single(await h.Store.QueryInstancesAsync(new InstanceQuery { ProcessId = "callForProposals" }));
        Assert.Equal("CALL-2026", started.BusinessKey);
        Assert.Equal("zhao", (await h.TaskAsync(started.Id, "propose")).Assignee);
        Assert.Null(started.State.Variables["budget"]);

        Assert.Equal(1, await h.Runtime.BroadcastSignalAsync("call-opened", new JsonObject { ["contact"] = "qian" }));
        Assert.Equal(2, await h.Store.CountInstancesAsync(new InstanceQuery { ProcessId = "callForProposals" }));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Signal_that_interrupts_the_sub_process_it_is_thrown_in_stops_the_throwing_path(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("signal-in-subprocess.bpmn");

        await h.TaskAsync(instance.Id, "handleStop");
        Assert.DoesNotContain(await h.HistoryAsync(instance.Id), e => e.ElementId == "afterThrow");
        Assert.Single(await h.OpenTasksAsync(instance.Id));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Signal_after_an_event_based_gateway_wins_the_race_and_withdraws_the_timer(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("signal-gateway.bpmn");
        Assert.Equal(2, (await h.Store.GetBookmarksOfInstanceAsync(instance.Id)).Count);

        Assert.Equal(1, await h.Runtime.BroadcastSignalAsync("go", null));

        await h.TaskAsync(instance.Id, "proceed");
        Assert.Empty(await h.Store.GetBookmarksOfInstanceAsync(instance.Id));
        Assert.Equal(0, await h.AdvanceAsync(TimeSpan.FromHours(2)));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Instance_waiting_for_a_signal_migrates_and_still_receives_it(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("signal-catch-throw.bpmn");
        var v2 = RuntimeHarness.Fixture("signal-catch-throw.bpmn").Replace("<bpmn:userTask id=\"reassess\"", "<bpmn:userTask id=\"reassess\" name=\"Reassess\"");
        await h.Runtime.PublishAsync(v2, "test");

        var plan = await h.Runtime.MigrateInstancesAsync(new MigrationRequest { ProcessId = "awaitRecall", TargetVersion = 2 }, Admin);

        var move = Assert.Single(Assert.Single(plan.Instances).Moves, m => m.What == "token");
        Assert.Equal("signal", move.Wait);
        Assert.Single(await SignalSubscriptionsAsync(h, "recall"));
        Assert.Equal(1, await h.Runtime.BroadcastSignalAsync("recall", null));
        Assert.Equal("Reassess", (await h.TaskAsync(instance.Id, "reassess")).Name);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Broadcast_with_a_variable_over_the_limit_is_refused_and_reaches_no_one(string store)
    {
        var h = await HarnessAsync(store, new WorkflowRuntimeOptions { MaxVariableBytes = 100 });
        var instance = await h.StartAsync("signal-catch-throw.bpmn");

        await Assert.ThrowsAsync<InvalidOperationWorkflowException>(() =>
            h.Runtime.BroadcastSignalAsync("recall", new JsonObject { ["note"] = new string('x', 500) }));
        await Assert.ThrowsAsync<InvalidOperationWorkflowException>(() => h.Runtime.BroadcastSignalAsync(" ", null));

        Assert.Single(await SignalSubscriptionsAsync(h, "recall"));
        Assert.Empty(await h.OpenTasksAsync(instance.Id));
    }
}

using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>Migration of what waits inside scopes: multi-instance votes, sub-processes and event-based gateways.</summary>
public sealed class MigrationScopeTests : RuntimeTestBase
{
    private static readonly Actor Admin = new("admin", ["workflow-administrator"], IsAdministrator: true);

    private static async Task<int> PublishTextAsync(RuntimeHarness h, string xml) => (await h.Runtime.PublishAsync(xml, "test"))[0].Version;

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_running_vote_moves_with_its_ballots_and_collected_votes(string store)
    {
        var h = await HarnessAsync(store);
        var v1 = RuntimeHarness.Fixture("committee-vote.bpmn");
        var instance = await h.StartAsync("committee-vote.bpmn", new { members = new[] { "wang", "li", "zhang" } });
        var ballots = await h.OpenTasksAsync(instance.Id);
        await h.Runtime.CompleteTaskAsync(ballots.Single(b => b.Assignee == "wang").Id, Actor.User("wang"), new JsonObject { ["vote"] = "approve" });

        var v2 = v1.Replace("id=\"vote\" name=\"Vote\"", "id=\"ballot\" name=\"Ballot\"").Replace("targetRef=\"vote\"", "targetRef=\"ballot\"")
            .Replace("sourceRef=\"vote\"", "sourceRef=\"ballot\"");
        Assert.Equal(2, await PublishTextAsync(h, v2));
        var sequential = v1.Replace("<bpmn:multiInstanceLoopCharacteristics ", "<bpmn:multiInstanceLoopCharacteristics isSequential=\"true\" ");
        var request = new MigrationRequest { ProcessId = "committee_vote", TargetVersion = 2, Mapping = new Dictionary<string, string> { ["vote"] = "ballot" } };

        var plan = await h.Runtime.MigrateInstancesAsync(request, Admin);
        Assert.Contains(plan.Instances[0].Moves, m => m is { What: "scope", SourceElementId: "vote", TargetElementId: "ballot" });
        var open = await h.OpenTasksAsync(instance.Id);
        Assert.Equal(["li", "zhang"], open.Select(t => t.Assignee!).Order().ToArray());
        Assert.All(open, t => Assert.Equal("ballot", t.ElementId));
        Assert.Equal(ballots.Where(b => b.Assignee != "wang").Select(b => b.Id).Order(), open.Select(t => t.Id).Order());

        // wang's vote is still counted: li's approval makes two of three and closes the vote.
        await h.Runtime.CompleteTaskAsync(open.Single(t => t.Assignee == "li").Id, Actor.User("li"), new JsonObject { ["vote"] = "approve" });
        await h.TaskAsync(instance.Id, "sign");

        // A parallel vote cannot become a sequential one.
        Assert.Equal(3, await PublishTextAsync(h, sequential));
        var other = await h.Runtime.StartAsync(new StartRequest { ProcessId = "committee_vote", Version = 2, Variables = new JsonObject { ["members"] = new JsonArray("a", "b") } });
        var refused = await h.Runtime.PlanMigrationAsync(new MigrationRequest
        {
            ProcessId = "committee_vote", TargetVersion = 3, InstanceIds = [other.Id], Mapping = new Dictionary<string, string> { ["ballot"] = "vote" },
        });
        Assert.Contains(refused.Problems, p => p.Code == MigrationProblemCodes.IncompatibleTarget && p.Message.Contains("sequential"));
    }

    private const string SubProcessV1 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="t">
          <bpmn:process id="staged" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="SUB" />
            <bpmn:subProcess id="SUB">
              <bpmn:startEvent id="sStart" />
              <bpmn:sequenceFlow id="s1" sourceRef="sStart" targetRef="CHECK" />
              <bpmn:userTask id="CHECK" camunda:assignee="clerk" />
              <bpmn:sequenceFlow id="s2" sourceRef="CHECK" targetRef="sEnd" />
              <bpmn:endEvent id="sEnd" />
            </bpmn:subProcess>
            <bpmn:sequenceFlow id="f2" sourceRef="SUB" targetRef="after" />
            <bpmn:userTask id="after" camunda:assignee="clerk" />
            <bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_task_in_a_sub_process_moves_with_its_sub_process_and_not_out_of_it(string store)
    {
        var h = await HarnessAsync(store);
        await PublishTextAsync(h, SubProcessV1.Replace("SUB", "sub").Replace("CHECK", "check"));
        var instance = await h.Runtime.StartAsync(new StartRequest { ProcessId = "staged" });
        var check = await h.TaskAsync(instance.Id, "check");
        Assert.Equal(2, await PublishTextAsync(h, SubProcessV1.Replace("SUB", "stage").Replace("CHECK", "verify")));

        // A task may not leave its sub-process: mapping it to a process-level task is refused.
        var wrong = await h.Runtime.PlanMigrationAsync(new MigrationRequest
        {
            ProcessId = "staged", TargetVersion = 2, Mapping = new Dictionary<string, string> { ["sub"] = "stage", ["check"] = "after" },
        });
        Assert.Contains(wrong.Problems, p => p.Code == MigrationProblemCodes.WrongContainer && p.ElementId == "check");

        await h.Runtime.MigrateInstancesAsync(new MigrationRequest
        {
            ProcessId = "staged", TargetVersion = 2, Mapping = new Dictionary<string, string> { ["sub"] = "stage", ["check"] = "verify" },
        }, Admin);
        var moved = await h.TaskAsync(instance.Id, "verify");
        Assert.Equal(check.Id, moved.Id);
        Assert.Equal("stage", Assert.Single((await h.InstanceAsync(instance.Id)).State.Scopes).NodeId);
        await h.CompleteAsync(instance.Id, "verify");
        await h.TaskAsync(instance.Id, "after");
    }

    private const string RaceV1 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="t">
          <bpmn:process id="race" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
            <bpmn:eventBasedGateway id="wait" />
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="answer" />
            <bpmn:sequenceFlow id="f3" sourceRef="wait" targetRef="timeout" />
            <bpmn:intermediateCatchEvent id="answer"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="timeout"><bpmn:timerEventDefinition><bpmn:timeDuration>TIMEOUT</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f4" sourceRef="answer" targetRef="answered" />
            <bpmn:sequenceFlow id="f5" sourceRef="timeout" targetRef="late" />
            <bpmn:userTask id="answered" camunda:assignee="clerk" />
            <bpmn:userTask id="late" camunda:assignee="clerk" />
            <bpmn:sequenceFlow id="f6" sourceRef="answered" targetRef="end" />
            <bpmn:sequenceFlow id="f7" sourceRef="late" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
          <bpmn:message id="m" name="answer" />
        </bpmn:definitions>
        """;

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task An_event_based_gateway_waits_on_the_new_versions_events_counted_from_when_it_began(string store)
    {
        var h = await HarnessAsync(store);
        await PublishTextAsync(h, RaceV1.Replace("TIMEOUT", "PT2H"));
        var instance = await h.Runtime.StartAsync(new StartRequest { ProcessId = "race", BusinessKey = "K-1" });
        var started = h.Clock.GetUtcNow();
        await h.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal(2, await PublishTextAsync(h, RaceV1.Replace("TIMEOUT", "PT5H")));

        await h.Runtime.MigrateInstancesAsync(new MigrationRequest { ProcessId = "race", TargetVersion = 2 }, Admin);
        var bookmarks = await h.Store.GetBookmarksOfInstanceAsync(instance.Id);
        Assert.Equal(started + TimeSpan.FromHours(5), Assert.Single(bookmarks, b => b.Kind == BookmarkKind.Timer).DueAt);
        Assert.Single(bookmarks, b => b is { Kind: BookmarkKind.Message, MessageName: "answer", CorrelationKey: "K-1" });

        await h.AdvanceAsync(TimeSpan.FromHours(2)); // version 1 would have timed out by now
        Assert.Empty(await h.OpenTasksAsync(instance.Id));
        await h.AdvanceAsync(TimeSpan.FromHours(2));
        await h.TaskAsync(instance.Id, "late");
        Assert.Empty(await h.Store.GetBookmarksOfInstanceAsync(instance.Id));
    }
}

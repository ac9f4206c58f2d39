using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>
/// <c>wf:confidential</c>: what a member submits (a ballot) is sealed: never in clear in the history, the task row, the
/// variables or a notification, whatever store keeps it; the service task after it reads it in clear, each member's own.
/// </summary>
public sealed class ConfidentialTaskTests : RuntimeTestBase
{
    private const string Secret = "Sealed-reason-4417";

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_confidential_submission_is_kept_sealed_and_only_the_service_task_after_it_reads_it(string store)
    {
        var calls = 0;
        var ballot = new RecordingHandler("ballot", _ =>
        {
            // The ballot box fails once: wang's submission waits, sealed, for the retry.
            if (Interlocked.Increment(ref calls) == 1) throw new InvalidOperationException("ballot box unavailable");
            return new JsonObject { ["vote"] = null, ["reason"] = null };
        });
        var h = await HarnessAsync(store, ballot);
        var instance = await h.StartAsync("personal-ballot.bpmn", new { members = new[] { "wang", "li" }, chair = "zhang" }, "CASE-1");
        var votes = await h.OpenTasksAsync(instance.Id);

        await Vote(h, votes, "wang", "approve");
        await Vote(h, votes, "li", "reject");

        var state = JsonSerializer.Serialize((await h.InstanceAsync(instance.Id)).State, EngineJson.Options);
        Assert.DoesNotContain(Secret, state);
        Assert.DoesNotContain("approve", state);
        Assert.Contains(SealedValues.Marker, state); // wang's, waiting for the retry
        var history = await h.HistoryAsync(instance.Id);
        Assert.All(history, e => Assert.DoesNotContain(Secret, e.Data ?? ""));
        // The history says that each member submitted, and nothing of what.
        var submitted = history.Where(e => e is { Event: HistoryEventType.TaskCompleted, ElementId: "vote" }).ToList();
        Assert.Equal(["li", "wang"], submitted.Select(e => e.Actor).Order());
        Assert.All(submitted, e => Assert.Equal(["confidential", "taskId"], JsonNode.Parse(e.Data!)!.AsObject().Select(p => p.Key).Order()));
        foreach (var vote in votes) Assert.Null((await h.Store.GetTaskAsync(vote.Id))!.Result);
        Assert.All(await h.Store.GetPendingOutboxAsync(DateTimeOffset.MaxValue, 10_000), m => Assert.DoesNotContain(Secret, m.Payload));

        // Each ballot, in clear, to the service task of its own member.
        var li = ballot.Calls[1].Variables;
        Assert.Equal(("reject", Secret + "-li", "li"), (Text(li, "vote"), Text(li, "reason"), Text(li, "completedBy")));
        await h.AdvanceAsync(TimeSpan.FromSeconds(11));
        var wang = ballot.Calls[2].Variables;
        Assert.Equal(("approve", Secret + "-wang", "wang"), (Text(wang, "vote"), Text(wang, "reason"), Text(wang, "completedBy")));

        await h.TaskAsync(instance.Id, "close");
        Assert.DoesNotContain(SealedValues.Marker, JsonSerializer.Serialize((await h.InstanceAsync(instance.Id)).State, EngineJson.Options));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_sealed_value_handed_in_from_outside_is_refused(string store)
    {
        var h = await HarnessAsync(store);
        var forged = new JsonObject { ["vote"] = new JsonObject { [SealedValues.Marker] = "AAAA" } };
        await Assert.ThrowsAsync<InvalidOperationWorkflowException>(() => h.Runtime.StartAsync(new StartRequest
        {
            ProcessId = h.PublishAsync("single-task.bpmn").Result, Variables = (JsonObject)forged.DeepClone(),
        }));
        var instance = await h.StartAsync("single-task.bpmn");
        var task = await h.TaskAsync(instance.Id, "review");
        var nested = new JsonObject { ["file"] = new JsonArray(new JsonObject { ["x"] = forged.DeepClone() }) };
        var refused = await Assert.ThrowsAsync<InvalidOperationWorkflowException>(() => h.Runtime.CompleteTaskAsync(task.Id, Actor.User("mary", "tech-manager"), nested));
        Assert.Contains("file[0].x.vote.$sealed", refused.Message);
        Assert.Equal(UserTaskStatus.Created, (await h.Store.GetTaskAsync(task.Id))!.Status);
    }

    [Fact]
    public void A_sealed_value_opens_only_in_its_own_instance_under_its_own_name()
    {
        var protector = new EphemeralConfidentialDataProtector();
        var instance = Guid.NewGuid();
        var value = SealedValues.Seal(protector, instance, "vote", JsonValue.Create("approve"));

        JsonNode? OpenedAs(Guid where, string name, IConfidentialDataProtector? by = null)
        {
            var variables = new JsonObject { [name] = value.DeepClone() };
            SealedValues.OpenAll(by ?? protector, where, variables);
            return variables[name];
        }

        Assert.Equal("approve", OpenedAs(instance, "vote")!.GetValue<string>());
        Assert.Null(OpenedAs(Guid.NewGuid(), "vote"));
        Assert.Null(OpenedAs(instance, "reason"));
        Assert.Null(OpenedAs(instance, "vote", new EphemeralConfidentialDataProtector()));
        var nested = new JsonObject { ["votes"] = new JsonArray(new JsonObject { ["vote"] = value.DeepClone() }) };
        SealedValues.OpenAll(protector, instance, nested);
        Assert.Equal("approve", nested["votes"]![0]!["vote"]!.GetValue<string>());
    }

    private static async Task Vote(RuntimeHarness h, IReadOnlyList<UserTaskRecord> votes, string member, string choice) =>
        await h.Runtime.CompleteTaskAsync(votes.Single(v => v.Assignee == member).Id, Actor.User(member, "committee"), new JsonObject
        {
            ["vote"] = choice, ["reason"] = $"{Secret}-{member}", ["completedBy"] = member,
        });

    private static string? Text(JsonObject variables, string name) => variables[name]?.GetValue<string>();
}

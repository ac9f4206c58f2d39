using System.Data.Common;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using Workflows.Testing;

namespace Workflows.Persistence.Tests;

/// <summary>
/// Two steps that touch the same two instances from opposite ends: the called process's last task completes
/// (child, then caller) while the caller's interrupting timer fires (caller, then child). On PostgreSQL this
/// deadlocked (40P01 reached the caller as a raw database error); now rows are written in one order and a
/// deadlock or serialization failure is a conflict the runtime re-runs.
/// </summary>
public sealed class DeadlockTests
{
    private const string Processes = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <bpmn:process id="caller" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
            <bpmn:callActivity id="call" calledElement="called" />
            <bpmn:boundaryEvent id="deadline" attachedToRef="call">
              <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="done" />
            <bpmn:sequenceFlow id="f3" sourceRef="deadline" targetRef="late" />
            <bpmn:userTask id="done" camunda:assignee="clerk" />
            <bpmn:userTask id="late" camunda:assignee="clerk" />
            <bpmn:sequenceFlow id="f4" sourceRef="done" targetRef="end" />
            <bpmn:sequenceFlow id="f5" sourceRef="late" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
          <bpmn:process id="called" isExecutable="true">
            <bpmn:startEvent id="cStart" />
            <bpmn:sequenceFlow id="c1" sourceRef="cStart" targetRef="work" />
            <bpmn:userTask id="work" camunda:assignee="worker" />
            <bpmn:sequenceFlow id="c2" sourceRef="work" targetRef="cEnd" />
            <bpmn:endEvent id="cEnd" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task A_called_process_ending_while_the_callers_timer_fires_never_surfaces_a_database_error()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var runtime = new WorkflowRuntime(db.CreateStore(), new ManualTimerScheduler(), []);
        var store = db.CreateStore();
        await runtime.PublishAsync(Processes, "test");
        const int pairs = 150;
        var work = new List<(Guid Caller, Guid Task, Guid Timer)>();
        for (var i = 0; i < pairs; i++)
        {
            var caller = await runtime.StartAsync(new StartRequest { ProcessId = "caller" });
            var timer = Assert.Single(await store.GetBookmarksOfInstanceAsync(caller.Id), b => b.Kind == BookmarkKind.Timer);
            var task = Assert.Single(await store.QueryTasksAsync(new TaskQuery { Assignee = "worker", OpenOnly = true, Take = 1000 }),
                t => !work.Any(w => w.Task == t.Id));
            work.Add((caller.Id, task.Id, timer.Id));
        }

        var databaseErrors = new List<Exception>();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (w, ct) =>
        {
            var complete = Task.Run(() => runtime.CompleteTaskAsync(w.Task, Actor.User("worker"), null, ct), ct);
            var fire = Task.Run(() => runtime.FireAsync(w.Timer, ct), ct);
            foreach (var step in new[] { complete, fire })
            {
                try { await step; }
                catch (WorkflowException) { } // the other step won: a clear conflict, as designed
                catch (Exception e) when (e is DbException || e.InnerException is DbException)
                {
                    lock (databaseErrors) databaseErrors.Add(e);
                }
            }
        });

        Assert.True(databaseErrors.Count == 0, $"{databaseErrors.Count} of {pairs} pairs failed with a database error: {databaseErrors.FirstOrDefault()?.Message}");
        // Every caller went exactly one way: on to 'done' (the child ended first) or to 'late' (the timer fired first).
        foreach (var w in work)
        {
            var open = await store.GetOpenTasksOfInstanceAsync(w.Caller);
            Assert.Single(open, t => t.ElementId is "done" or "late");
        }
    }
}

using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Persistence;

// A child process for the crash tests: it drives instances on a SQLite file and says on stdout what has been
// committed, so the test can kill it at any moment (SIGKILL) and check the database against what it was told.
//   run CONNECTION COUNT    start instances and complete their task, printing "started ID" / "completed ID"
//   resume CONNECTION       complete every open task left behind, then exit 0
if (args.Length < 2) { Console.Error.WriteLine("usage: run CONNECTION COUNT | resume CONNECTION"); return 2; }
var connection = args[1];
await WorkflowPersistence.MigrateAsync(DatabaseProvider.Sqlite, connection);
var store = WorkflowPersistence.CreateStore(DatabaseProvider.Sqlite, connection);
var runtime = new WorkflowRuntime(store, new ManualTimerScheduler(), Array.Empty<IServiceTaskHandler>());
await runtime.PublishAsync(Bpmn, "crash-driver");
var actor = new Actor("driver", ["clerk"], IsAdministrator: true);

if (args[0] == "run")
{
    var count = int.Parse(args[2]);
    for (var i = 0; i < count; i++)
    {
        var instance = await runtime.StartAsync(new StartRequest { ProcessId = "crash_test", BusinessKey = $"C-{i}" });
        Console.WriteLine($"started {instance.Id}");
        await runtime.CompleteTaskAsync(instance.State.Tokens.Single().TaskId!.Value, actor, null);
        Console.WriteLine($"completed {instance.Id}");
    }
    return 0;
}
if (args[0] == "resume")
{
    foreach (var task in await store.QueryTasksAsync(new TaskQuery { Take = 100_000 }))
        await runtime.CompleteTaskAsync(task.Id, actor, null);
    Console.WriteLine("resumed");
    return 0;
}
Console.Error.WriteLine($"unknown mode {args[0]}");
return 2;

public partial class Program
{
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <bpmn:process id="crash_test" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
            <bpmn:userTask id="work" camunda:candidateGroups="clerk" />
            <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;
}

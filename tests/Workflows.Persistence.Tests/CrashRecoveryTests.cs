using System.Diagnostics;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using Workflows.Persistence;
using Workflows.Testing;

namespace Workflows.Persistence.Tests;

/// <summary>
/// A real child process driving the engine on a SQLite file is killed (SIGKILL) in the middle of its work.
/// Everything it reported committed is there, nothing is half-written, and resuming repeats no step.
/// </summary>
public sealed class CrashRecoveryTests
{
    private static Process StartDriver(params string[] args)
    {
        var driver = Path.Combine(AppContext.BaseDirectory, "Workflows.CrashDriver.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(driver);
        foreach (var a in args) info.ArgumentList.Add(a);
        return Process.Start(info)!;
    }

    [Fact]
    public async Task A_process_killed_between_steps_loses_nothing_and_repeats_nothing()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var started = new List<Guid>();
        var completed = new List<Guid>();

        using (var child = StartDriver("run", db.ConnectionString, "100000"))
        {
            // Let it commit a good number of steps, then kill it wherever it is.
            while (completed.Count < 40 && await child.StandardOutput.ReadLineAsync() is { } line)
            {
                var parts = line.Split(' ');
                (parts[0] == "started" ? started : completed).Add(Guid.Parse(parts[1]));
            }
            var stoppedEarly = child.HasExited;
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
            if (stoppedEarly) Assert.Fail("the driver stopped early: " + await child.StandardError.ReadToEndAsync());
        }

        var store = db.CreateStore();
        var instances = await store.QueryInstancesAsync(new InstanceQuery { Take = 100_000 });
        foreach (var id in started) Assert.Contains(instances, i => i.Id == id);
        foreach (var id in completed) Assert.Equal(InstanceStatus.Completed, instances.Single(i => i.Id == id).Status);
        foreach (var instance in instances) await AssertConsistentAsync(store, instance);

        // Resume in a new process: whatever was left waiting is finished, once.
        using (var resume = StartDriver("resume", db.ConnectionString))
        {
            await resume.WaitForExitAsync();
            Assert.True(resume.ExitCode == 0, await resume.StandardError.ReadToEndAsync());
        }
        foreach (var instance in await store.QueryInstancesAsync(new InstanceQuery { Take = 100_000 }))
        {
            Assert.Equal(InstanceStatus.Completed, instance.Status);
            var history = await store.GetHistoryAsync(instance.Id);
            Assert.Single(history, e => e.Event == HistoryEventType.TaskCompleted);
            Assert.Single(history, e => e.Event == HistoryEventType.InstanceCompleted);
            Assert.Single(history, e => e.Event == HistoryEventType.InstanceStarted);
        }
        await using var connection = WorkflowPersistence.OpenConnection(DatabaseProvider.Sqlite, db.ConnectionString);
        await connection.OpenAsync();
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", await check.ExecuteScalarAsync());
    }

    /// <summary>Each instance is wholly before or wholly after its last step: never between.</summary>
    private static async Task AssertConsistentAsync(IWorkflowStore store, ProcessInstance instance)
    {
        var open = await store.GetOpenTasksOfInstanceAsync(instance.Id);
        var history = await store.GetHistoryAsync(instance.Id);
        if (instance.Status == InstanceStatus.Running)
        {
            var task = Assert.Single(open);
            Assert.Equal(task.Id, Assert.Single(instance.State.Tokens).TaskId);
            Assert.DoesNotContain(history, e => e.Event == HistoryEventType.TaskCompleted);
        }
        else
        {
            Assert.Equal(InstanceStatus.Completed, instance.Status);
            Assert.Empty(open);
            Assert.Empty(instance.State.Tokens);
            Assert.Single(history, e => e.Event == HistoryEventType.TaskCompleted);
        }
    }
}

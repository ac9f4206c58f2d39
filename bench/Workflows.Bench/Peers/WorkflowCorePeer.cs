using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using WorkflowCore.Interface;
using WorkflowCore.Models;
using WorkflowCore.Models.LifeCycleEvents;

namespace Workflows.Bench.Peers;

/// <summary>
/// WorkflowCore (NuGet, in memory: its default persistence and queues) on the same shape: start, a step that waits for
/// a person (an event, as WorkflowCore has no user tasks of its own), the person's completion (the event published),
/// end. One instance after another, each awaited until WorkflowCore reports it complete.
/// </summary>
public sealed class WorkflowCorePeer : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IWorkflowHost _host;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _running = new();

    public sealed class Review
    {
        public string Key { get; set; } = "";
        public bool Approved { get; set; }
    }

    private sealed class ReviewWorkflow : IWorkflow<Review>
    {
        public string Id => "bench_single_task";
        public int Version => 1;

        public void Build(IWorkflowBuilder<Review> builder) => builder
            .StartWith(_ => ExecutionResult.Next())
            // Any completion published for this key counts, also one published before the wait began.
            .WaitFor("complete", data => data.Key, _ => DateTime.MinValue)
            .Output(data => data.Approved, step => step.EventData)
            .Then(_ => ExecutionResult.Next());
    }

    private WorkflowCorePeer()
    {
        _services = new ServiceCollection().AddLogging().AddWorkflow().BuildServiceProvider();
        _host = _services.GetRequiredService<IWorkflowHost>();
        _host.RegisterWorkflow<ReviewWorkflow, Review>();
        _host.OnLifeCycleEvent += e =>
        {
            if (e is WorkflowCompleted && _running.TryRemove(e.WorkflowInstanceId, out var done)) done.TrySetResult();
        };
    }

    public static async Task<WorkflowCorePeer> StartAsync()
    {
        var peer = new WorkflowCorePeer();
        await peer._host.StartAsync(CancellationToken.None);
        await peer.RunAsync(200); // warm-up
        return peer;
    }

    /// <summary>Runs the instances one after another; returns the time they took.</summary>
    public async Task<TimeSpan> RunAsync(int instances)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < instances; i++)
        {
            var key = Guid.NewGuid().ToString("N");
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var id = await _host.StartWorkflow("bench_single_task", 1, new Review { Key = key });
            _running[id] = done;
            await _host.PublishEvent("complete", key, true);
            await done.Task.WaitAsync(TimeSpan.FromMinutes(1));
        }
        return watch.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}

using Workflows.Engine.Runtime;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>The stores every runtime semantics test runs against, so one BPMN file proves the same behaviour on each.</summary>
public static class StoreKinds
{
    public static TheoryData<string> All
    {
        get
        {
            var data = new TheoryData<string> { "memory" };
            return data;
        }
    }

    public static async Task<(IWorkflowStore Store, IAsyncDisposable Lifetime)> CreateAsync(string kind)
    {
        await Task.CompletedTask;
        return kind switch
        {
            "memory" => (new InMemoryWorkflowStore(), new Nothing()),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown store kind"),
        };
    }

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

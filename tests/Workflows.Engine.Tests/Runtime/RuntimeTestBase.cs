using Workflows.Engine.Contracts;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>Creates a harness on the store a theory row names and disposes the store after the test.</summary>
public abstract class RuntimeTestBase : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _lifetimes = new();

    protected async Task<RuntimeHarness> HarnessAsync(string store, params IServiceTaskHandler[] handlers)
    {
        var (s, lifetime) = await StoreKinds.CreateAsync(store);
        _lifetimes.Add(lifetime);
        return new RuntimeHarness(s, handlers);
    }

    protected async Task<RuntimeHarness> HarnessAsync(string store, Workflows.Engine.Runtime.WorkflowRuntimeOptions options,
        params IServiceTaskHandler[] handlers)
    {
        var (s, lifetime) = await StoreKinds.CreateAsync(store);
        _lifetimes.Add(lifetime);
        return new RuntimeHarness(s, options, handlers);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var l in _lifetimes) await l.DisposeAsync();
    }
}

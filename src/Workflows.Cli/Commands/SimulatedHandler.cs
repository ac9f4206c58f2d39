using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;

namespace Workflows.Cli.Commands;

/// <summary>
/// Stands in for a service-task handler during `wf run` (the real ones live in the host): it says it was
/// called and returns nothing. A try-out aid, not a fake of our own code under test.
/// </summary>
public sealed class SimulatedHandler(string name, TextWriter output) : IServiceTaskHandler
{
    public string Name { get; } = name;

    public async Task<JsonObject?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        await output.WriteLineAsync($"  service task '{context.ElementId}' called handler '{Name}' (simulated)");
        return null;
    }
}

using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;

namespace Workflows.Conformance.Tests;

/// <summary>
/// Stands in for the Java delegate or external-task worker a source test registers (by the name the model gives
/// it): it does what that test's delegate does (return variables, throw a BPMN error) and counts its calls.
/// </summary>
public sealed class ScriptedHandler(string name, Func<ServiceTaskContext, JsonObject?>? behaviour = null) : IServiceTaskHandler
{
    private readonly List<ServiceTaskContext> _calls = new();

    public string Name { get; } = name;

    public IReadOnlyList<ServiceTaskContext> Calls
    {
        get { lock (_calls) return _calls.ToList(); }
    }

    public Task<JsonObject?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        lock (_calls) _calls.Add(context);
        return Task.FromResult(behaviour?.Invoke(context));
    }
}

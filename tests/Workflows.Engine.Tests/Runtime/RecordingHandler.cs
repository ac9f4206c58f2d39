using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>A service-task handler whose behaviour a test sets: return variables, fail, or throw a BPMN error.</summary>
public sealed class RecordingHandler(string name, Func<ServiceTaskContext, JsonObject?>? behaviour = null) : IServiceTaskHandler
{
    public string Name { get; } = name;
    public Func<ServiceTaskContext, JsonObject?> Behaviour { get; set; } = behaviour ?? (_ => null);
    public List<ServiceTaskContext> Calls { get; } = new();

    public Task<JsonObject?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        lock (Calls) Calls.Add(context);
        return Task.FromResult(Behaviour(context));
    }
}

using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;

namespace Workflows.Engine.Runtime;

/// <summary>
/// Wraps each registered handler so that it reads the sealed submissions of confidential tasks in clear: service tasks
/// are the one place they are meant for (<see cref="SealedValues"/>).
/// </summary>
internal sealed class OpeningServiceTaskHandler(IServiceTaskHandler inner, IConfidentialDataProtector protector) : IServiceTaskHandler
{
    public string Name => inner.Name;

    public Task<JsonObject?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        SealedValues.OpenAll(protector, context.InstanceId, context.Variables);
        return inner.ExecuteAsync(context, ct);
    }
}

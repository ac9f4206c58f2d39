namespace Workflows.Engine.Contracts;

/// <summary>
/// A service task's fault with a stable code (and the arguments its sentence needs, e.g. a variable's name), so that the
/// host can say in the reader's language what went wrong. Retried, then an incident, like any other fault (a business
/// error a diagram routes is a <see cref="BpmnErrorException"/> instead); the incident's history entry keeps the code and
/// arguments beside the message.
/// </summary>
public sealed class ServiceTaskFailedException(string code, string message, params string[] arguments) : Exception(message)
{
    public string Code { get; } = code;
    public IReadOnlyList<string> Arguments { get; } = arguments;
}

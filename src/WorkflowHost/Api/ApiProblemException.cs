namespace WorkflowHost.Api;

/// <summary>
/// A refusal an endpoint helper raises deep in a call (no open step, not yours, form data that does not fit), answered
/// as problem details by <see cref="DomainExceptionHandler"/> with this status, code and, for 400, the fields at fault.
/// </summary>
public sealed class ApiProblemException(int status, string code, string message, IDictionary<string, string[]>? errors = null) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public IDictionary<string, string[]>? Errors { get; } = errors;

    public static ApiProblemException Invalid(string field, string message) =>
        new(StatusCodes.Status400BadRequest, "validation", message, new Dictionary<string, string[]> { [field] = [message] });
}

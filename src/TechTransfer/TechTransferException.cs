namespace TechTransfer;

/// <summary>What kind of refusal a domain command gave, so the host can map it to a status (404, 403, 409, 422).</summary>
public enum DomainErrorKind { NotFound, Forbidden, Conflict, Rule }

/// <summary>A domain command refused: a rule, a permission, a missing thing. <see cref="Field"/> names the input at fault.</summary>
public sealed class TechTransferException(DomainErrorKind kind, string code, string message, string? field = null,
    IReadOnlyList<string>? fields = null) : Exception(message)
{
    public DomainErrorKind Kind { get; } = kind;
    /// <summary>A stable code (e.g. <c>shares-not-100</c>) for clients and BPMN error boundaries.</summary>
    public string Code { get; } = code;
    public string? Field { get; } = field;
    /// <summary>Every input at fault when there are several (a disclosure's missing fields), the first being <see cref="Field"/>.</summary>
    public IReadOnlyList<string> Fields { get; } = fields ?? (field is null ? [] : [field]);

    public static TechTransferException NotFound(string what, object id) => new(DomainErrorKind.NotFound, "not-found", $"{what} '{id}' was not found.");
    public static TechTransferException Forbidden(string message) => new(DomainErrorKind.Forbidden, "forbidden", message);
    public static TechTransferException Rule(string code, string message, string? field = null) => new(DomainErrorKind.Rule, code, message, field);
    public static TechTransferException Rule(string code, string message, IReadOnlyList<string> fields) => new(DomainErrorKind.Rule, code, message, fields[0], fields);
    public static TechTransferException Conflict(string code, string message, string? field = null) => new(DomainErrorKind.Conflict, code, message, field);
}

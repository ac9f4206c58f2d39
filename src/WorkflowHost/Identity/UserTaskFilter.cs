namespace WorkflowHost.Identity;

/// <summary>
/// An inbox filter a user saved under a name: the inbox's query string (process, step, case number, due dates,
/// variables, sort, ...), so applying it is opening <c>/tasks?{Query}</c>. Only its owner lists, applies and deletes it.
/// </summary>
public sealed class UserTaskFilter
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    /// <summary>The query string without the leading <c>?</c>.</summary>
    public required string Query { get; set; }
    public long CreatedAt { get; set; }
}

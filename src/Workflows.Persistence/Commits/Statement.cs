namespace Workflows.Persistence.Commits;

/// <summary>One SQL statement of a step with its positional values (<c>@p0</c>, <c>@p1</c>, ...).</summary>
internal readonly record struct Statement(string Sql, object?[] Values);

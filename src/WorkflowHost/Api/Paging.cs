namespace WorkflowHost.Api;

/// <summary>Page numbers from the query string (1-based; 20 a page unless asked, at most 200).</summary>
public readonly record struct Paging(int Page, int PageSize)
{
    public const int DefaultSize = 20;
    public const int MaxSize = 200;
    public int Skip => (Page - 1) * PageSize;

    public static Paging From(int? page, int? pageSize, Dictionary<string, string[]> errors)
    {
        if (page is < 1) errors["page"] = ["page starts at 1."];
        if (pageSize is < 1 or > MaxSize) errors["pageSize"] = [$"pageSize must be between 1 and {MaxSize}."];
        return new Paging(Math.Max(page ?? 1, 1), Math.Clamp(pageSize ?? DefaultSize, 1, MaxSize));
    }
}

/// <summary>One page of a list, with the total for the pager.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

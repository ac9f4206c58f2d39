using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Workflows.Engine.Runtime;
using WorkflowHost.Application.Tasks;

namespace WorkflowHost.Components.Pages.Tasks;

/// <summary>
/// The inbox's view as a query string, so that a link (or a saved filter) reproduces it. In the office's words:
/// <c>stage</c> (the case's status), <c>college</c>, <c>search</c> (case number or title contains), <c>dueAfter</c> /
/// <c>dueBefore</c> (dates, yyyy-mm-dd, in the user's time zone read as UTC days), <c>overdue=true</c>. For workflow
/// administrators only (<see cref="ToQuery"/> ignores them for others): <c>process</c>, <c>element</c>,
/// <c>var.&lt;name&gt;=&lt;value&gt;</c>. Then <c>sort</c> (due, created, followUp, priority) with <c>order</c> (asc, desc),
/// <c>page</c> (from 1) and <c>size</c>. <c>dueAfter</c>, <c>dueBefore</c>, <c>overdue</c>, <c>var.*</c>, <c>sort</c> and
/// <c>order</c> mean what they mean to <c>GET /api/v1/tasks</c>.
/// </summary>
public sealed record InboxFilter
{
    public static readonly int[] PageSizes = [10, 25, 50, 100];
    public const int DefaultPageSize = 25;

    /// <summary>The case's status (<see cref="TechTransfer.Inventions.InventionStatus"/>): the stage the office names.</summary>
    public TechTransfer.Inventions.InventionStatus? Stage { get; init; }
    public string? College { get; init; }
    public string? Process { get; init; }
    public string? Element { get; init; }
    public string? Search { get; init; }
    public DateOnly? DueAfter { get; init; }
    public DateOnly? DueBefore { get; init; }
    public bool OverdueOnly { get; init; }
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
    /// <summary>due (the inbox's default), created, followUp or priority.</summary>
    public string Sort { get; init; } = "due";
    public bool Descending { get; init; }
    /// <summary>From 1.</summary>
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>Reads a query string (with or without the leading ?); values that make no sense are dropped, never fatal.</summary>
    public static InboxFilter Parse(string? query)
    {
        var q = QueryHelpers.ParseQuery(query);
        string? Text(string key) => q.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        DateOnly? Date(string key) => DateOnly.TryParseExact(Text(key), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        int Number(string key, int fallback, int min, int max) => int.TryParse(Text(key), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : fallback;
        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in q)
            if (key.StartsWith(TaskVariableFilters.Prefix, StringComparison.Ordinal) && key.Length > 4 && !string.IsNullOrWhiteSpace(value.ToString()))
                variables[key[4..]] = value.ToString().Trim();
        var sort = Text("sort") is { } s && new[] { "due", "created", "followUp", "priority" }.Contains(s, StringComparer.OrdinalIgnoreCase)
            ? string.Equals(s, "followup", StringComparison.OrdinalIgnoreCase) ? "followUp" : s.ToLowerInvariant() : "due";
        return new InboxFilter
        {
            Stage = Enum.TryParse<TechTransfer.Inventions.InventionStatus>(Text("stage"), ignoreCase: true, out var stage) && !int.TryParse(Text("stage"), out _) ? stage : null,
            College = Text("college"),
            Process = Text("process"), Element = Text("element"), Search = Text("search"),
            DueAfter = Date("dueAfter"), DueBefore = Date("dueBefore"), OverdueOnly = Text("overdue") == "true",
            Variables = variables, Sort = sort,
            Descending = string.Equals(Text("order"), "desc", StringComparison.OrdinalIgnoreCase),
            Page = Number("page", 1, 1, 100_000),
            PageSize = Number("size", DefaultPageSize, 1, 200) is var size && PageSizes.Contains(size) ? size : DefaultPageSize,
        };
    }

    /// <summary>The query string (without ?), defaults left out, in a fixed order so equal views give equal links.</summary>
    public string ToQueryString(bool withPaging = true)
    {
        var parts = new List<(string, string)>();
        void Add(string key, string? value) { if (!string.IsNullOrEmpty(value)) parts.Add((key, value)); }
        Add("stage", Stage?.ToString());
        Add("college", College);
        Add("process", Process);
        Add("element", Element);
        Add("search", Search);
        Add("dueAfter", DueAfter?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("dueBefore", DueBefore?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (OverdueOnly) Add("overdue", "true");
        foreach (var (name, value) in Variables) Add(TaskVariableFilters.Prefix + name, value);
        if (Sort != "due") Add("sort", Sort);
        if (Descending) Add("order", "desc");
        if (withPaging && Page > 1) Add("page", Page.ToString(CultureInfo.InvariantCulture));
        if (withPaging && PageSize != DefaultPageSize) Add("size", PageSize.ToString(CultureInfo.InvariantCulture));
        var sb = new StringBuilder();
        foreach (var (key, value) in parts)
            sb.Append(sb.Length == 0 ? "" : "&").Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        return sb.ToString();
    }

    /// <summary>The technical filters are set (process, step or variables), which only workflow administrators use.</summary>
    public bool HasTechnical => Process is not null || Element is not null || Variables.Count > 0;

    /// <summary>The cases to look up in the domain first (<see cref="TechTransfer.Inventions.CaseDirectory"/>): by stage or college.</summary>
    public bool HasCaseFilter => Stage is not null || College is not null;

    /// <summary>
    /// The engine query for this view: my open tasks (the same as <c>GET /api/v1/tasks</c>). The technical filters count
    /// only when <paramref name="technical"/> (a workflow administrator); a link with them opens the office's view for others.
    /// </summary>
    public TaskQuery ToQuery(string userId, IReadOnlyCollection<string> groups, DateTimeOffset now, bool technical = true)
    {
        DateTimeOffset? dueBefore = DueBefore is { } b ? new DateTimeOffset(b.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        if (OverdueOnly && (dueBefore is null || dueBefore > now)) dueBefore = now;
        return new TaskQuery
        {
            ActionableBy = userId, CandidateGroups = groups, ProcessId = technical ? Process : null, ElementId = technical ? Element : null,
            BusinessKeyContains = Search,
            DueAfter = DueAfter is { } a ? new DateTimeOffset(a.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            DueBefore = dueBefore,
            Variables = technical && Variables.Count > 0 ? Variables : null,
            Sort = Sort switch { "created" => TaskSort.Created, "followUp" => TaskSort.FollowUp, "priority" => TaskSort.Priority, _ => TaskSort.Due },
            Descending = Descending,
            Skip = (Page - 1) * PageSize, Take = PageSize,
        };
    }

    /// <summary>"name=value, name=value" as typed in the variables box; null when a part has no name or no '='.</summary>
    public static SortedDictionary<string, string>? ParseVariables(string? text)
    {
        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in (text ?? "").Split([',', '，', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0 || eq == part.Length - 1) return null;
            variables[part[..eq].Trim()] = part[(eq + 1)..].Trim();
        }
        return variables;
    }

    public string VariablesText => string.Join(", ", Variables.Select(v => $"{v.Key}={v.Value}"));
}

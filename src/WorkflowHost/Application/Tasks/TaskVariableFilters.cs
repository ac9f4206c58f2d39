namespace WorkflowHost.Application.Tasks;

/// <summary>How a list of tasks is filtered on process variables, the same in the API's query
/// (<c>GET /api/v1/tasks?var.name=value</c>) and in the inbox's address (<c>/tasks?var.name=value</c>).</summary>
public static class TaskVariableFilters
{
    public const string Prefix = "var.";
}

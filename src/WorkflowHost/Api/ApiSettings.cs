namespace WorkflowHost.Api;

/// <summary>Limits and folders of the REST API, from configuration (<c>Workflows:MaxUploadBytes</c>, <c>Workflows:FormsPath</c>).</summary>
public sealed record ApiSettings(long MaxUploadBytes, string FormsPath)
{
    public const long DefaultMaxUploadBytes = 2 * 1024 * 1024;
}

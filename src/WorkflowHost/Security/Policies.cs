namespace WorkflowHost.Security;

/// <summary>Authorization policies and the roles behind them.</summary>
public static class Policies
{
    public const string Administrator = "Administrator";
    public const string AdministratorRole = "administrator";
}

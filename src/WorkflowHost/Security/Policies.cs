using WorkflowHost.Identity;

namespace WorkflowHost.Security;

/// <summary>Authorization policy names; each is defined once in <c>SecurityComposition</c> from <see cref="Roles"/>.</summary>
public static class Policies
{
    /// <summary>Any signed-in user.</summary>
    public const string SignedIn = "SignedIn";
    /// <summary>System administrators: users, roles, committees, email outbox, Hangfire dashboard.</summary>
    public const string Administrator = "Administrator";
    /// <summary>Workflow administrators (and system administrators): publish definitions, incidents, migration.</summary>
    public const string WorkflowAdministrator = "WorkflowAdministrator";
    /// <summary>Technology managers and office heads: the office's work on inventions.</summary>
    public const string Office = "Office";
    /// <summary>The engine's views of instances and incidents: the office and workflow administrators (not inventors).</summary>
    public const string EngineViews = "EngineViews";
    /// <summary>The office and workflow administrators: broadcasting a signal to the running processes.</summary>
    public const string SendSignals = "SendSignals";
    /// <summary>Committee members and chairs: committee files and votes (which committee is checked with the actor's groups).</summary>
    public const string CommitteeMember = "CommitteeMember";
    /// <summary>Inventors: filing disclosures (which inventions they see is checked by relation in the domain).</summary>
    public const string Inventor = "Inventor";
    /// <summary>System administrators and the office head: the dashboard's statistics.</summary>
    public const string Statistics = "Statistics";
}

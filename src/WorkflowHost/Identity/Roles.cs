namespace WorkflowHost.Identity;

/// <summary>
/// The one spelling of each role, used by Identity, the authorization policies, the engine's options
/// (candidate groups in BPMN files name these) and the notification directory alike.
/// </summary>
public static class Roles
{
    public const string Inventor = "inventor";
    public const string TechnologyManager = "technology-manager";
    public const string CommitteeMember = "committee-member";
    public const string CommitteeChair = "committee-chair";
    public const string OfficeHead = "office-head";
    public const string WorkflowAdministrator = "workflow-administrator";
    public const string SystemAdministrator = "system-administrator";

    public static readonly IReadOnlyList<string> All =
        [Inventor, TechnologyManager, CommitteeMember, CommitteeChair, OfficeHead, WorkflowAdministrator, SystemAdministrator];

    /// <summary>Roles whose holders the engine treats as administrators (reassign, cancel, retry incidents).</summary>
    public static readonly IReadOnlyList<string> EngineAdministrators = [WorkflowAdministrator, SystemAdministrator];
}

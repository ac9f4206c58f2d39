namespace WorkflowHost.Identity;

/// <summary>
/// The one spelling of each role (the domain's own roles are spelled once, in <see cref="TechTransfer.DomainRoles"/>), used by Identity, the authorization policies, the engine's options
/// (candidate groups in BPMN files name these) and the notification directory alike.
/// </summary>
public static class Roles
{
    public const string Inventor = TechTransfer.DomainRoles.Inventor;
    public const string TechnologyManager = TechTransfer.DomainRoles.TechnologyManager;
    public const string CommitteeMember = TechTransfer.DomainRoles.CommitteeMember;
    public const string CommitteeChair = TechTransfer.DomainRoles.CommitteeChair;
    public const string OfficeHead = TechTransfer.DomainRoles.OfficeHead;
    public const string WorkflowAdministrator = "workflow-administrator";
    public const string SystemAdministrator = "system-administrator";

    public static readonly IReadOnlyList<string> All =
        [Inventor, TechnologyManager, CommitteeMember, CommitteeChair, OfficeHead, WorkflowAdministrator, SystemAdministrator];

    /// <summary>Roles whose holders the engine treats as administrators (reassign, cancel, retry incidents).</summary>
    public static readonly IReadOnlyList<string> EngineAdministrators = [WorkflowAdministrator, SystemAdministrator];
}

namespace TechTransfer;

/// <summary>The role names the domain checks; the same spelling as the host's Identity roles and the BPMN candidate groups.</summary>
public static class DomainRoles
{
    public const string Inventor = "inventor";
    public const string TechnologyManager = "technology-manager";
    public const string CommitteeMember = "committee-member";
    public const string CommitteeChair = "committee-chair";
    public const string OfficeHead = "office-head";
}

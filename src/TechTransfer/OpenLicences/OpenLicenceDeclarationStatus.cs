namespace TechTransfer.OpenLicences;

public enum OpenLicenceDeclarationStatus
{
    /// <summary>Declared by the office; not yet published, so no licence is taken under it.</summary>
    Declared,
    /// <summary>Published (国家知识产权局公告): in force; anyone who notifies and pays takes a licence.</summary>
    Published,
    /// <summary>Withdrawn: no new licence; the licences already taken stay in force (Patent Law art. 50).</summary>
    Withdrawn,
}

namespace TechTransfer.Licensing;

public enum AgreementStatus
{
    /// <summary>Signed; an assignment is not yet registered.</summary>
    Signed,
    /// <summary>In force: a licence once signed, an assignment once registered.</summary>
    InForce,
    Ended,
}

namespace TechTransfer.Portfolio.Campaigns;

/// <summary>What the office does with a fiscally funded patent left idle past the rule's years (and not pooled by its review).</summary>
public enum IdleFundedAction
{
    /// <summary>Offered under an open licence (it enters the pool with that route).</summary>
    OpenLicence,
    /// <summary>Put into the pool with the route its inventors chose.</summary>
    Pool,
    /// <summary>Kept out, with the reason it is not implemented stated (the rule asks for one).</summary>
    StateReason,
}

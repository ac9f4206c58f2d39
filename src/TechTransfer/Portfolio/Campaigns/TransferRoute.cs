namespace TechTransfer.Portfolio.Campaigns;

/// <summary>How the inventors mean the patent to be put to use (拟转化方式), as the national statistics return lists the routes.</summary>
public enum TransferRoute
{
    /// <summary>转让</summary>
    Assignment,
    /// <summary>许可</summary>
    Licence,
    /// <summary>开放许可</summary>
    OpenLicence,
    /// <summary>先用后转: the enterprise uses it first and pays (or takes the assignment) later.</summary>
    UseFirstPayLater,
    /// <summary>作价投资</summary>
    Equity,
    /// <summary>继续持有</summary>
    Keep,
    /// <summary>放弃</summary>
    Abandon,
}

namespace TechTransfer.Portfolio;

/// <summary>How a patent entered the portfolio.</summary>
public enum PatentSource
{
    /// <summary>From an imported register or patent-office export.</summary>
    Import,
    /// <summary>By itself, when the grant of an invention disclosed here was recorded.</summary>
    Disclosure,
}

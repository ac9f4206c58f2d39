namespace TechTransfer.Rewards;

/// <summary>The kind of a granted patent, which sets the least reward on grant (Implementing Rules 2023 art. 93).</summary>
public enum PatentKind
{
    /// <summary>发明专利: at least 4,000 yuan.</summary>
    Invention,
    /// <summary>实用新型: at least 1,500 yuan.</summary>
    UtilityModel,
    /// <summary>外观设计: at least 1,500 yuan.</summary>
    Design,
}

namespace WorkflowHost.Localization;

/// <summary>The marker type of the patent portfolio's texts: <c>PortfolioText.resx</c> (English) and <c>PortfolioText.zh-CN.resx</c>.</summary>
public sealed class PortfolioText;

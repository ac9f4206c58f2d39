namespace WorkflowHost.Localization;

/// <summary>The marker type of the pricing screens' texts: <c>PricingText.resx</c> (English) and <c>PricingText.zh-CN.resx</c>.</summary>
public sealed class PricingText;

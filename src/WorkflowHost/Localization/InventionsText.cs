namespace WorkflowHost.Localization;

/// <summary>The marker type of the inventor portal's texts: <c>InventionsText.resx</c> (English) and <c>InventionsText.zh-CN.resx</c>.</summary>
public sealed class InventionsText;

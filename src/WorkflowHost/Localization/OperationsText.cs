namespace WorkflowHost.Localization;

/// <summary>The marker type of the operations views' texts: <c>OperationsText.resx</c> (English) and <c>OperationsText.zh-CN.resx</c>.</summary>
public sealed class OperationsText;

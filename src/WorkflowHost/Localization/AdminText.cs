namespace WorkflowHost.Localization;

/// <summary>The marker type of the system administrator's screens' texts: <c>AdminText.resx</c> (English) and <c>AdminText.zh-CN.resx</c>.</summary>
public sealed class AdminText;

namespace WorkflowHost.Localization;

/// <summary>The marker type of the designer's newer texts (version comparison, task forms): <c>DesignerText.resx</c> (English) and <c>DesignerText.zh-CN.resx</c>.</summary>
public sealed class DesignerText;

namespace WorkflowHost.Localization;

/// <summary>The marker type of the committee room's texts: <c>CommitteeText.resx</c> (English) and <c>CommitteeText.zh-CN.resx</c>.</summary>
public sealed class CommitteeText;

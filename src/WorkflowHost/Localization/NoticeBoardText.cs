namespace WorkflowHost.Localization;

/// <summary>The marker type of the public notice board's texts: <c>NoticeBoardText.resx</c> (English) and <c>NoticeBoardText.zh-CN.resx</c>.</summary>
public sealed class NoticeBoardText;

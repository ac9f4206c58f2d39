namespace WorkflowHost.Localization;

/// <summary>The marker type of the inbox's and the task actions' texts: <c>TasksText.resx</c> (English) and <c>TasksText.zh-CN.resx</c>.</summary>
public sealed class TasksText;

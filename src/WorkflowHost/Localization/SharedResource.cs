namespace WorkflowHost.Localization;

/// <summary>The marker type of the UI's texts: <c>SharedResource.resx</c> (English) and <c>SharedResource.zh-CN.resx</c>.</summary>
public sealed class SharedResource;

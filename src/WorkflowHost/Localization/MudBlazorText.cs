namespace WorkflowHost.Localization;

/// <summary>
/// The marker type of MudBlazor's own texts (pager, date picker, dialogs...): <c>MudBlazorText.resx</c> holds MudBlazor's
/// keys with its English texts, <c>MudBlazorText.zh-CN.resx</c> the Chinese ones; read by <see cref="MudBlazorLocalizer"/>.
/// </summary>
public sealed class MudBlazorText;

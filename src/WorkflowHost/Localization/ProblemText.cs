namespace WorkflowHost.Localization;

/// <summary>The marker type of refusal texts: <c>ProblemText.resx</c> (English) and <c>ProblemText.zh-CN.resx</c>; read by <see cref="ProblemMessages"/>.</summary>
public sealed class ProblemText;

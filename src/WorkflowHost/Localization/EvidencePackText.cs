namespace WorkflowHost.Localization;

/// <summary>The marker type of the evidence pack's readable report: <c>EvidencePackText.resx</c> (English) and <c>EvidencePackText.zh-CN.resx</c>.</summary>
public sealed class EvidencePackText;

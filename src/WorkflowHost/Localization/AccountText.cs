namespace WorkflowHost.Localization;

/// <summary>
/// The marker type of the account service's and Identity's messages (<c>AccountText.resx</c>, <c>AccountText.zh-CN.resx</c>):
/// the web UI and the users API answer in the signed-in user's language.
/// </summary>
public sealed class AccountText;

using System.Net;

namespace WorkflowHost.Email;

/// <summary>
/// Marks an email of a trial host (<see cref="Composition.TrialMode"/>) in its reader's language: the subject starts with
/// 【演示模式】 / [Trial mode] and both bodies open with a line saying that its decisions have no force. Applied when the
/// message is built for sending, so every kind of email carries it, whatever made it.
/// </summary>
public static class TrialEmailMark
{
    public static OutgoingEmail Apply(OutgoingEmail email, string language)
    {
        var chinese = language.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var prefix = chinese ? "【演示模式】" : "[Trial mode] ";
        var line = chinese
            ? "演示模式：本邮件来自演示系统，其中的决定不具效力，请勿用于真实案件。"
            : "Trial mode: this email comes from a trial host; its decisions have no force. Do not use it for real cases.";
        return email with
        {
            Subject = prefix + email.Subject,
            Text = line + "\n\n" + email.Text,
            Html = $"<p style=\"background:#9A4B00;color:#fff;padding:6px 10px;font-weight:bold\">{WebUtility.HtmlEncode(line)}</p>" + email.Html,
        };
    }
}

using MailKit.Net.Smtp;

namespace WorkflowHost.Email;

/// <summary>Which sending failures are final: a 5xx reply to this message. Everything else (4xx, network, timeouts) is retried.</summary>
public static class EmailFailures
{
    public static bool IsPermanent(Exception e) => e is SmtpCommandException { StatusCode: var code } && (int)code >= 500;
}

using MailKit.Net.Smtp;

namespace WorkflowHost.Email;

/// <summary>Which sending failures are final: a 5xx reply to this message. Everything else (4xx, network, timeouts) is retried.</summary>
public static class EmailFailures
{
    public static bool IsPermanent(Exception e) => e is SmtpCommandException { StatusCode: var code } && (int)code >= 500;

    /// <summary>What administrators see: the server's reply code first when there is one.</summary>
    public static string Describe(Exception e) => e is SmtpCommandException smtp
        ? $"SMTP {(int)smtp.StatusCode}: {smtp.Message}"
        : $"{e.GetType().Name}: {e.Message}";
}

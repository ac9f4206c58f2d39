using System.Globalization;
using System.Net;
using System.Text;
using Hangfire;
using Microsoft.Extensions.Options;
using TechTransfer.Evidence;
using WorkflowHost.Email;
using WorkflowHost.Notifications;
using Workflows.Persistence.Sealing;

namespace WorkflowHost.Domain;

/// <summary>
/// Once a day, the signed head of every case's evidence chain (entries, last hash, the record seal's signature) goes by
/// email to the auditor configured in <c>Sealing:AuditorEmail</c>, through the email queue: a copy of the checkpoints
/// that leaves the building, so that a chain cut back together with the checkpoint journal still differs from what the
/// auditor was sent. One report a day (keyed by the day); nothing without an address.
/// </summary>
public sealed class SealedHeadsReport(EvidenceLog evidence, Ed25519RecordSeal seal, EmailMessageStore emails, IBackgroundJobClient jobs,
    IConfiguration configuration, IOptions<NotificationOptions> options, TimeProvider clock)
{
    public const string Kind = "sealed-heads";

    /// <summary>The Hangfire job.</summary>
    [AutomaticRetry(Attempts = 3)]
    [JobDisplayName("Daily report of the sealed evidence heads")]
    public async Task RunAsync(CancellationToken ct)
    {
        if (await QueueAsync(ct)) jobs.Enqueue<EmailDelivery>(d => d.RunAsync(CancellationToken.None));
    }

    /// <summary>Queues today's report; false when there is no auditor address or it was queued already.</summary>
    public async Task<bool> QueueAsync(CancellationToken ct)
    {
        if (configuration["Sealing:AuditorEmail"] is not { Length: > 0 } auditor) return false;
        var zone = options.Value.Zone;
        var now = clock.GetUtcNow();
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var heads = await evidence.HeadsAsync(ct);
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"证据链签名检查点 {day:yyyy-MM-dd}：{heads.Count} 个案件。请保存本邮件；核验时与系统中的证据链比对。")
            .AppendLine(CultureInfo.InvariantCulture, $"Evidence checkpoints of {day:yyyy-MM-dd}: {heads.Count} case(s). Keep this email; an audit compares the system's chains with it.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"记录印章 / record seal: Ed25519, key {seal.KeyId}")
            .AppendLine(seal.PublicKeyPem.Trim())
            .AppendLine()
            .AppendLine("案件编号 / case\t链 / chain\t条目 / entries\t末条哈希 / head\t签名 / signature");
        foreach (var h in heads) text.AppendLine(CultureInfo.InvariantCulture, $"{h.CaseNumber}\t{h.Chain}\t{h.Entries}\t{h.Hash}\t{h.Signature}");
        var html = "<pre>" + WebUtility.HtmlEncode(text.ToString()) + "</pre>";
        var subject = $"证据链签名检查点 / Evidence checkpoints {day:yyyy-MM-dd}";
        var message = new EmailMessage(Guid.NewGuid().ToString(), $"{Kind}:{auditor.ToLowerInvariant()}:{day:yyyy-MM-dd}", Kind, auditor, null, null,
            options.Value.DefaultLanguage, subject, text.ToString(), html, null, EmailStatus.Pending, 0, now.UtcTicks, null, now, null);
        return await emails.AddAsync(message, ct) > 0;
    }
}

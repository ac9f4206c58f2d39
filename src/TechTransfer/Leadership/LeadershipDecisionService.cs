using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Common;
using TechTransfer.Evidence;
using TechTransfer.Inventions;
using TechTransfer.Licensing;
using TechTransfer.Persistence;

namespace TechTransfer.Leadership;

/// <summary>
/// The leadership's collective decision (领导班子集体决策) on a deal that <see cref="LeadershipOptions"/> says needs one: the
/// shipped process asks whether it does once the price is concluded (and records the answer), the office head minutes the
/// meeting (date, attendees, result, minutes with their signed copy as a stored attachment and its SHA-256), and no such
/// deal is signed without an approving decision for its kind. The decisions are evidence entries: the pack is their record.
/// </summary>
public sealed class LeadershipDecisionService(DomainStore store, EvidenceLog evidence, TechTransferOptions options)
{
    public const string Checked = "leadership.checked";
    public const string Decided = "leadership.decided";

    /// <summary>Whether the deal needs the decision; the answer and the rule it came from join the evidence.</summary>
    public Task<bool> CheckAsync(ActingUser actor, Guid inventionId, AgreementKind? kind, decimal value, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            await InventionService.LoadAsync(db, inventionId, ct);
            var rule = options.Leadership;
            var required = rule.Requires(kind, value);
            await evidence.AppendAsync(db, inventionId, actor, Checked, new
            {
                required, kind = kind is { } k ? Names.Kebab(k) : null, value, rule = new { kinds = rule.KindList, rule.Threshold },
            }, ct);
            return required;
        }, ct);

    /// <summary>Records the meeting's decision; refused without attendees, minutes, or a minutes file of this case.</summary>
    public Task RecordAsync(ActingUser actor, Guid inventionId, LeadershipMeeting meeting, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            await InventionService.LoadAsync(db, inventionId, ct);
            var attendees = meeting.Attendees.Select(a => a.Trim()).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (attendees.Count == 0) throw TechTransferException.Rule("required", "Name who attended the leadership's meeting.", "attendees");
            foreach (var a in attendees) TextRules.Check(a, "attendees", options.Limits.Name, singleLine: true);
            if (string.IsNullOrWhiteSpace(meeting.Minutes)) throw TechTransferException.Rule("required", "Summarise the meeting's minutes.", "minutes");
            TextRules.Check(meeting.Minutes, "minutes", options.Limits.Text);
            if (meeting.Value < 0) throw TechTransferException.Rule("negative", "The deal's value cannot be negative.", "value");
            var file = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == meeting.MinutesAttachmentId && a.InventionId == inventionId, ct)
                       ?? throw TechTransferException.Rule("minutes-file", "Attach the signed minutes to the case first and name that file.", "minutesAttachmentId");
            await evidence.AppendAsync(db, inventionId, actor, Decided, new
            {
                meetingDate = meeting.MeetingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), attendees, result = Names.Kebab(meeting.Result),
                minutes = meeting.Minutes.Trim(), minutesFile = new { file.Id, name = file.FileName, sha256 = file.Sha256 },
                kind = meeting.Kind is { } k ? Names.Kebab(k) : null, meeting.Value,
            }, ct);
        }, ct);

    /// <summary>Refuses to sign a deal that needs the decision unless the latest one on the case approved a deal of its kind.</summary>
    internal async Task EnsureApprovedAsync(TechTransferDbContext db, Guid inventionId, AgreementKind kind, decimal value, CancellationToken ct)
    {
        if (!options.Leadership.Requires(kind, value)) return;
        var latest = (await EvidenceLog.OfActionAsync(db, inventionId, Decided, ct)).LastOrDefault();
        if (latest is not null)
        {
            using var payload = JsonDocument.Parse(latest.Payload);
            var p = payload.RootElement;
            var approved = p.TryGetProperty("result", out var r) && r.GetString() == Names.Kebab(LeadershipResult.Approved);
            var sameKind = !p.TryGetProperty("kind", out var k) || k.ValueKind != JsonValueKind.String || k.GetString() == Names.Kebab(kind);
            if (approved && sameKind) return;
        }
        throw TechTransferException.Rule("leadership-decision-required", string.Create(CultureInfo.InvariantCulture,
            $"A {Names.Kebab(kind)} worth {value:0.00} yuan needs the leadership's collective decision approving it before it is signed."), "agreementKind");
    }
}

using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Common;
using TechTransfer.Persistence;
using TechTransfer.Pricing;

namespace TechTransfer.Evidence;

/// <summary>
/// Compares a case's evidence with the live rows it speaks of: the result of each pricing (status, counterparty, final
/// price), each signed agreement (kind, counterparty, consideration, effective date), each revenue split (income,
/// deductions, pools, every inventor's amount) and each reward (its sum and amounts, its payment). An intact chain proves what was decided; this proves the tables the
/// office works from still say the same, and that no row was added or removed behind the evidence's back.
/// </summary>
public sealed class EvidenceReconciliation(DomainStore store)
{
    /// <summary>The first difference between the evidence and the live rows, or null when they agree.</summary>
    public async Task<string?> FirstDifferenceAsync(Guid inventionId, IReadOnlyList<EvidenceEntry> entries, CancellationToken ct = default)
    {
        var (pricings, agreements, splits, postings) = await store.ReadAsync(async db => (
            await db.Pricings.Where(p => p.InventionId == inventionId).ToListAsync(ct),
            await db.Agreements.Where(a => a.InventionId == inventionId).ToListAsync(ct),
            await db.RevenueSplits.Include(s => s.Shares).Where(s => s.InventionId == inventionId).ToListAsync(ct),
            await db.BoardPostings.Where(p => p.InventionId == inventionId).ToListAsync(ct)), ct);
        var rewards = await store.ReadAsync(db => db.Rewards.Include(r => r.Shares).Where(r => r.InventionId == inventionId).ToListAsync(ct), ct);
        var links = LinkedInventors(entries);
        return PricingDifference(pricings, entries) ?? AgreementDifference(agreements, entries) ?? RevenueDifference(splits, entries, links)
               ?? RewardDifference(rewards, entries, links) ?? NoticeBoard.BoardPostingReconciliation.FirstDifference(postings, entries);
    }

    private static readonly HashSet<string> PricingOpened =
        Enum.GetValues<PricingMethod>().Select(m => Names.Kebab(m) + ".opened").ToHashSet(StringComparer.Ordinal);
    private static readonly HashSet<string> PricingClosed =
        Enum.GetValues<PricingMethod>().Select(m => Names.Kebab(m) + ".closed").ToHashSet(StringComparer.Ordinal);

    /// <summary>Replays each pricing's entries (opened, closed, negotiated, objection resolved) to the result they record.</summary>
    private static string? PricingDifference(List<PricingRecord> rows, IReadOnlyList<EvidenceEntry> entries)
    {
        var recorded = new Dictionary<Guid, RecordedPricing>();
        foreach (var e in entries)
        {
            using var doc = JsonDocument.Parse(e.Payload);
            var p = doc.RootElement;
            if (PricingOpened.Contains(e.Action) && GuidOf(p, "id") is { } opened)
                recorded[opened] = new RecordedPricing(e.Sequence, DecimalOf(p, "price"), "open", null, null, TextOf(p, "proposedCounterparty"));
            else if (PricingClosed.Contains(e.Action) && GuidOf(p, "pricingId") is { } closed && recorded.TryGetValue(closed, out var c))
                recorded[closed] = c with { Sequence = e.Sequence, Status = TextOf(p, "status"), Counterparty = TextOf(p, "counterparty"), FinalPrice = DecimalOf(p, "finalPrice") };
            else if (e.Action == "listing.negotiated" && GuidOf(p, "pricingId") is { } negotiated && recorded.TryGetValue(negotiated, out var n))
                recorded[negotiated] = n with { Sequence = e.Sequence, Status = "concluded", Counterparty = TextOf(p, "counterparty"), FinalPrice = DecimalOf(p, "price") };
            else if (e.Action == "notice.objection-resolved" && GuidOf(p, "id") is { } resolved && recorded.TryGetValue(resolved, out var r))
            {
                var status = TextOf(p, "status");
                recorded[resolved] = status == "concluded" && r.Counterparty is null
                    ? r with { Sequence = e.Sequence, Status = status, Counterparty = r.Proposed, FinalPrice = r.Price } // the notice's terms
                    : r with { Sequence = e.Sequence, Status = status };
            }
        }
        foreach (var row in rows.OrderBy(r => r.OpenedAt))
        {
            if (!recorded.Remove(row.Id, out var ev)) return $"the live pricing {row.Id} has no evidence of its opening";
            var live = new RecordedPricing(ev.Sequence, row.Price, Names.Kebab(row.Status), row.Counterparty, row.FinalPrice, row.ProposedCounterparty);
            var what = $"the live pricing {row.Id}";
            if (live.Price != ev.Price) return Differs(what, "price", live.Price, ev.Price, ev.Sequence);
            if (live.Status != ev.Status) return Differs(what, "status", live.Status, ev.Status, ev.Sequence);
            if (live.Counterparty != ev.Counterparty) return Differs(what, "counterparty", live.Counterparty, ev.Counterparty, ev.Sequence);
            if (live.FinalPrice != ev.FinalPrice) return Differs(what, "final price", live.FinalPrice, ev.FinalPrice, ev.Sequence);
        }
        return recorded.Count > 0 ? $"the pricing {recorded.Keys.First()} of the evidence has no live row (deleted)" : null;
    }

    private static string? AgreementDifference(List<Licensing.Agreement> rows, IReadOnlyList<EvidenceEntry> entries)
    {
        var signed = Recorded(entries, "agreement.signed");
        foreach (var row in rows.OrderBy(r => r.SignedAt))
        {
            if (!signed.Remove(row.Id, out var ev)) return $"the live agreement {row.Id} was never signed in the evidence";
            var (seq, p) = ev;
            var what = $"the live agreement {row.Id}";
            if (Names.Kebab(row.Kind) != TextOf(p, "kind")) return Differs(what, "kind", Names.Kebab(row.Kind), TextOf(p, "kind"), seq);
            if (row.Counterparty != TextOf(p, "counterparty")) return Differs(what, "counterparty", row.Counterparty, TextOf(p, "counterparty"), seq);
            if (row.Consideration != DecimalOf(p, "consideration")) return Differs(what, "consideration", row.Consideration, DecimalOf(p, "consideration"), seq);
            var effective = row.EffectiveDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (effective != TextOf(p, "effectiveDate")) return Differs(what, "effective date", effective, TextOf(p, "effectiveDate"), seq);
        }
        return signed.Count > 0 ? $"the agreement {signed.Keys.First()} signed in the evidence has no live row (deleted)" : null;
    }

    private static string? RevenueDifference(List<Rewards.RevenueSplit> rows, IReadOnlyList<EvidenceEntry> entries, Dictionary<string, string> links)
    {
        var split = Recorded(entries, "revenue.split");
        foreach (var row in rows.OrderBy(r => r.ComputedAt))
        {
            if (!split.Remove(row.Id, out var ev)) return $"the live revenue split {row.Id} is not in the evidence";
            var (seq, p) = ev;
            var what = $"the live revenue split {row.Id}";
            foreach (var (field, value) in new (string, decimal)[]
                     {
                         ("income", row.Income), ("costs", row.Costs), ("taxes", row.Taxes), ("netIncome", row.NetIncome),
                         ("inventorPool", row.InventorPool), ("staffPool", row.StaffPool), ("institutionShare", row.InstitutionShare),
                     })
                if (value != DecimalOf(p, field)) return Differs(what, field, value, DecimalOf(p, field), seq);
            if (SharesDifference(what, row.Shares.Select(x => (x.UserId, x.Amount)), p, seq, links) is { } shares) return shares;
        }
        return split.Count > 0 ? $"the revenue split {split.Keys.First()} of the evidence has no live row (deleted)" : null;
    }

    private static string? RewardDifference(List<Rewards.Reward> rows, IReadOnlyList<EvidenceEntry> entries, Dictionary<string, string> links)
    {
        var decided = Recorded(entries, "reward.decided");
        var paid = Recorded(entries, "reward.paid");
        foreach (var row in rows.OrderBy(r => r.OpenedAt))
        {
            var what = $"the live reward {row.Id}";
            var hasDecision = decided.Remove(row.Id, out var d);
            if (row.Total is { } total)
            {
                if (!hasDecision) return $"{what} has a sum the evidence never decided";
                if (total != DecimalOf(d.Payload, "total")) return Differs(what, "total", total, DecimalOf(d.Payload, "total"), d.Sequence);
                if (SharesDifference(what, row.Shares.Select(x => (x.UserId, x.Amount)), d.Payload, d.Sequence, links) is { } shares) return shares;
            }
            else if (hasDecision) return Differs(what, "total", null, DecimalOf(d.Payload, "total"), d.Sequence);
            var hasPayment = paid.Remove(row.Id, out var p);
            if (row.Status == Rewards.RewardStatus.Paid != hasPayment)
                return hasPayment ? Differs(what, "status", Names.Kebab(row.Status), "paid", p.Sequence) : $"{what} is paid, but the evidence records no payment";
            if (!hasPayment) continue;
            var paidOn = row.PaidOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (paidOn != TextOf(p.Payload, "paidOn")) return Differs(what, "payment date", paidOn, TextOf(p.Payload, "paidOn"), p.Sequence);
            if (row.PaymentReference != TextOf(p.Payload, "reference")) return Differs(what, "payment reference", row.PaymentReference, TextOf(p.Payload, "reference"), p.Sequence);
        }
        return decided.Count > 0 ? $"the reward {decided.Keys.First()} decided in the evidence has no live row (deleted)" : null;
    }

    /// <summary>Which key of a co-inventor without an account became which account (<c>inventor.linked</c>).</summary>
    private static Dictionary<string, string> LinkedInventors(IReadOnlyList<EvidenceEntry> entries)
    {
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in entries.Where(e => e.Action == "inventor.linked"))
        {
            using var doc = JsonDocument.Parse(e.Payload);
            if (TextOf(doc.RootElement, "inventorKey") is { } key && TextOf(doc.RootElement, "userId") is { } user) links[key] = user;
        }
        return links;
    }

    /// <summary>Each person's live amount against the <c>shares</c> (userId, amount) an entry recorded; a key recorded
    /// before its inventor was linked to an account stands for that account.</summary>
    private static string? SharesDifference(string what, IEnumerable<(string UserId, decimal Amount)> live, JsonElement payload, int sequence,
        Dictionary<string, string> links)
    {
        var rows = live.OrderBy(s => s.UserId, StringComparer.Ordinal).ToList();
        var amounts = payload.TryGetProperty("shares", out var shares) && shares.ValueKind == JsonValueKind.Array
            ? shares.EnumerateArray().ToDictionary(s => TextOf(s, "userId") is { } key ? links.GetValueOrDefault(key, key) : "", s => DecimalOf(s, "amount"), StringComparer.Ordinal)
            : [];
        if (amounts.Count != rows.Count) return Differs(what, "number of shares", rows.Count, amounts.Count, sequence);
        foreach (var (userId, amount) in rows)
            if (!amounts.TryGetValue(userId, out var recorded) || recorded != amount)
                return Differs(what, $"amount of {userId}", amount, amounts.GetValueOrDefault(userId), sequence);
        return null;
    }

    /// <summary>The entries of one action by the id in their payload; a later entry of the same id replaces an earlier one.</summary>
    private static Dictionary<Guid, (int Sequence, JsonElement Payload)> Recorded(IReadOnlyList<EvidenceEntry> entries, string action)
    {
        var found = new Dictionary<Guid, (int, JsonElement)>();
        foreach (var e in entries.Where(e => e.Action == action))
        {
            var payload = JsonDocument.Parse(e.Payload).RootElement.Clone();
            if (GuidOf(payload, "id") is { } id) found[id] = (e.Sequence, payload);
        }
        return found;
    }

    private static string Differs(string what, string field, object? live, object? recorded, int sequence) => string.Create(CultureInfo.InvariantCulture,
        $"{what}: its {field} is '{live}', but evidence entry {sequence} records '{recorded}'");

    private static Guid? GuidOf(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.TryGetGuid(out var g) ? g : null;

    private static string? TextOf(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static decimal? DecimalOf(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : null;

    private sealed record RecordedPricing(int Sequence, decimal? Price, string? Status, string? Counterparty, decimal? FinalPrice, string? Proposed);
}

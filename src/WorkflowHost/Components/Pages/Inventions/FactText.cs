using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using WorkflowHost.Localization;

namespace WorkflowHost.Components.Pages.Inventions;

/// <summary>
/// A recorded fact as a person reads it in the file: names for user ids, amounts in 元 with separators, shares as
/// percentages, coded values (<c>exclusive-licence</c>, <c>concluded</c>) in the reader's words, instants in the office's
/// zone and durations in days or hours. The evidence pack keeps the raw values; this is only how the page says them.
/// </summary>
public sealed partial class FactText(IStringLocalizer<InventionsText> t, TimeDisplay times, IReadOnlyDictionary<string, string> names)
{
    /// <summary>Facts that repeat the disclosure itself or are technical (hashes, ids) are left out of the page; the evidence pack has them all.</summary>
    public static readonly HashSet<string> Hidden = [
        "draft", "sha256", "caseNumber", "inventors", "inventorKey", "id", "declaredType", "reviewId", "pricingId",
        "actedBy", "ranUnder", // who acted as they were then, and the definition a step ran under: for the pack, not the page
        "patentId", "step", "noConflictStatement", "criteria", // ids, element ids and configuration: the pack has them
    ];

    /// <summary>Facts whose number is an amount of money (yuan).</summary>
    private static readonly HashSet<string> Money =
    [
        "price", "finalPrice", "consideration", "lumpSum", "amountPaid", "income", "costs", "taxes", "netIncome", "inventorPool",
        "staffPool", "institutionShare", "valuation", "amount", "reserve", "reward", "total",
    ];

    /// <summary>Facts whose number is a share of one (0.5 reads 50%).</summary>
    private static readonly HashSet<string> Shares = ["rate", "staffRate", "share", "inventorShare"];

    /// <summary>Facts that name a person by id.</summary>
    private static readonly HashSet<string> People = ["userId", "memberId", "member", "chair", "by", "raisedBy", "from", "to", "committee"];

    public string Label(string key) => t[$"Fact_{key}"] is { ResourceNotFound: false } label ? label.Value : key;

    public string Text(string key, JsonNode value) => value switch
    {
        JsonValue v when v.TryGetValue<bool>(out var yes) => yes ? t["File_Yes"].Value : t["File_No"].Value,
        JsonValue v when Number(v) is { } n => Money.Contains(key) ? Yuan(n) : Shares.Contains(key) && n is >= 0 and <= 1 ? Percent(n) : n.ToString("#,0.####", CultureInfo.InvariantCulture),
        JsonValue v => Word(key, v.ToString()),
        // A person's part ("王五: 238,800.00 元") rather than "userId: …; amount: …".
        // A text recorded in both languages ({zh, en}) reads in the reader's.
        JsonObject o when o["zh"] is JsonValue zh && o["en"] is JsonValue en && o.Count == 2 =>
            (TimeDisplay.IsChinese(CultureInfo.CurrentUICulture) ? zh : en).ToString(),
        JsonObject o when Person(o) is { } who => $"{Name(who.Id)}: " + string.Join("; ", Parts(o, skip: who.Key).Select(p => p.Value)),
        JsonObject o => string.Join("; ", Parts(o, skip: null).Select(p => $"{p.Label}: {p.Value}")),
        JsonArray a => string.Join(", ", a.Where(x => x is not null).Select(x => Text(key, x!))),
        _ => value.ToJsonString(),
    };

    /// <summary>Names resolved up front (the page looks them up once): every string in the facts that may be a user id.</summary>
    public static IEnumerable<string> UserIds(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) && Guid.TryParse(s, out _) => [s],
        JsonObject o => o.SelectMany(p => UserIds(p.Value)),
        JsonArray a => a.SelectMany(UserIds),
        _ => [],
    };

    /// <summary>The co-inventors without an account the facts name with their key (<c>disclosure.submitted</c> records
    /// each one's key and name), so later facts that name only the key (a reward's shares) read as the name.</summary>
    public static IEnumerable<(string Key, string Name)> NamedWithoutAccount(JsonNode? node) => node switch
    {
        JsonObject o when (o["inventorKey"] ?? o["userId"]) is JsonValue k && k.TryGetValue<string>(out var key) && !TechTransfer.Inventions.InventorKey.IsAccount(key)
                          && (o["name"] ?? o["inventorName"]) is JsonValue n && n.TryGetValue<string>(out var name) => [(key, name)],
        JsonObject o => o.SelectMany(p => NamedWithoutAccount(p.Value)),
        JsonArray a => a.SelectMany(NamedWithoutAccount),
        _ => [],
    };

    private IEnumerable<(string Label, string Value)> Parts(JsonObject o, string? skip) =>
        o.Where(p => p.Value is not null && p.Key != skip && !Hidden.Contains(p.Key))
            .Select(p => (Label(p.Key), Text(p.Key, p.Value!)));

    private static (string Key, string Id)? Person(JsonObject o)
    {
        foreach (var key in (string[])["userId", "memberId"])
            if (o[key] is JsonValue v && v.TryGetValue<string>(out var id)) return (key, id);
        return null;
    }

    private string Word(string key, string text)
    {
        if ((People.Contains(key) || Guid.TryParse(text, out _)) && names.TryGetValue(text, out var person)) return person;
        if (text.Contains('T') && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
            return times.Format(at);
        if (Duration().IsMatch(text) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span)) return Span(span);
        if (CodedValue().IsMatch(text) && t[$"Value_{text}"] is { ResourceNotFound: false } word) return word.Value;
        return text;
    }

    private string Name(string id) => names.TryGetValue(id, out var name) ? name : id;

    private string Yuan(decimal amount) => t["File_Money", amount.ToString("N2", CultureInfo.InvariantCulture)];

    private static string Percent(decimal share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private string Span(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays % 1 == 0 ? t["File_Days", (int)span.TotalDays]
        : span.TotalHours >= 1 && span.TotalHours % 1 == 0 ? t["File_Hours", (int)span.TotalHours]
        : t["File_Minutes", (int)Math.Round(span.TotalMinutes)];

    private static decimal? Number(JsonValue v) =>
        v.TryGetValue<decimal>(out var d) ? d
        : v.TryGetValue<double>(out var f) ? (decimal)f
        : v.TryGetValue<long>(out var l) ? l
        : null;

    [GeneratedRegex(@"^(\d+\.)?\d{2}:\d{2}:\d{2}(\.\d+)?$")]
    private static partial Regex Duration();

    [GeneratedRegex(@"^[a-z]+(-[a-z]+)*$")]
    private static partial Regex CodedValue();
}

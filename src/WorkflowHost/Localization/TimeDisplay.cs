using System.Globalization;

namespace WorkflowHost.Localization;

/// <summary>
/// Instants as people read them: in the institution's zone (<c>Calendar:TimeZone</c>, default Asia/Shanghai), never the
/// server's, in the reader's language, and the same words on a page and in an email. A date-only deadline (the engine
/// keeps it as the start of that day in the zone) reads as a date, without a time of day.
/// </summary>
public sealed class TimeDisplay(TimeZoneInfo zone)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>Date and time (or the date alone for a date-only instant) in the current UI culture.</summary>
    public string Format(DateTimeOffset at) => Format(at, Zone, IsChinese(CultureInfo.CurrentUICulture));

    public string Format(DateTimeOffset? at) => at is { } value ? Format(value) : "";

    /// <summary>The date alone, in the zone.</summary>
    public string Date(DateTimeOffset at) => FormatDate(TimeZoneInfo.ConvertTime(at, Zone), IsChinese(CultureInfo.CurrentUICulture));

    /// <summary>The time of day alone (a "refreshed at" stamp), in the zone.</summary>
    public string TimeOfDay(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The one formatting of an instant, shared by the pages and the emails.</summary>
    public static string Format(DateTimeOffset at, TimeZoneInfo zone, bool chinese)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        if (local.TimeOfDay == TimeSpan.Zero) return FormatDate(local, chinese);
        return chinese
            ? local.ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("d MMMM yyyy HH:mm", English);
    }

    private static string FormatDate(DateTimeOffset local, bool chinese) =>
        chinese ? local.ToString("yyyy年M月d日", CultureInfo.InvariantCulture) : local.ToString("d MMMM yyyy", English);

    public static bool IsChinese(CultureInfo culture) => culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    /// <summary>The zone a configuration names (an IANA id); a wrong one stops start-up naming the key.</summary>
    public static TimeZoneInfo FindZone(string? id, string key)
    {
        var name = id is { Length: > 0 } ? id : "Asia/Shanghai";
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new InvalidOperationException($"{key} = '{name}' is not a time zone this machine knows (an IANA id such as Asia/Shanghai).");
        }
    }
}

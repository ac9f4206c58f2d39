using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Workflows.Engine.Expressions;

/// <summary>A duration as ISO 8601 writes it: years and months (calendar) apart from days and time.</summary>
public readonly record struct IsoDuration(int Years, int Months, int Days, TimeSpan Time)
{
    public bool IsZero => Years == 0 && Months == 0 && Days == 0 && Time == TimeSpan.Zero;
    /// <summary>The duration as a TimeSpan, or null when it has years or months (whose length depends on the date).</summary>
    public TimeSpan? AsTimeSpan => Years == 0 && Months == 0 ? TimeSpan.FromDays(Days) + Time : null;
    public DateTimeOffset AddTo(DateTimeOffset at) => at.AddYears(Years).AddMonths(Months).AddDays(Days) + Time;
    public DateTimeOffset SubtractFrom(DateTimeOffset at) => at.AddYears(-Years).AddMonths(-Months).AddDays(-Days) - Time;

    public override string ToString()
    {
        if (IsZero) return "PT0S";
        var negative = Years < 0 || Months < 0 || Days < 0 || Time < TimeSpan.Zero;
        var b = new StringBuilder(negative ? "-P" : "P");
        if (Years != 0) b.Append(Math.Abs(Years)).Append('Y');
        if (Months != 0) b.Append(Math.Abs(Months)).Append('M');
        if (Days != 0) b.Append(Math.Abs(Days)).Append('D');
        var t = Time.Duration();
        if (t > TimeSpan.Zero)
        {
            b.Append('T');
            if (t.Hours + t.Days * 24 > 0) b.Append(t.Hours + t.Days * 24).Append('H');
            if (t.Minutes > 0) b.Append(t.Minutes).Append('M');
            var seconds = t.Seconds + t.Milliseconds / 1000m;
            if (seconds > 0) b.Append(seconds.ToString(CultureInfo.InvariantCulture)).Append('S');
        }
        return b.ToString();
    }
}

/// <summary>A timer cycle: "R3/PT10M" (three times, every 10 minutes), "R/PT1H" (forever), "R2/2026-12-01T09:00:00Z/P1D".</summary>
public sealed record RepeatingInterval(int? Repetitions, DateTimeOffset? Start, IsoDuration Interval);

/// <summary>Strict ISO 8601 parsing of durations, date-times and repeating intervals (timer definitions, due dates).</summary>
public static partial class Iso8601
{
    [GeneratedRegex(@"^(?<neg>-)?P(?:(?<y>\d+)Y)?(?:(?<mo>\d+)M)?(?:(?<w>\d+)W)?(?:(?<d>\d+)D)?(?:T(?:(?<h>\d+)H)?(?:(?<mi>\d+)M)?(?:(?<s>\d+(?:[.,]\d+)?)S)?)?$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex DurationPattern();

    public static bool TryParseDuration(string? text, out IsoDuration duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        if (text.Length > 64) return false; // no real duration is longer; keeps the match cheap
        var m = DurationPattern().Match(text);
        if (!m.Success || text.EndsWith('P') || text.EndsWith('T')) return false;
        if (!(m.Groups["y"].Success || m.Groups["mo"].Success || m.Groups["w"].Success || m.Groups["d"].Success ||
              m.Groups["h"].Success || m.Groups["mi"].Success || m.Groups["s"].Success)) return false;
        try
        {
            int Int(string g) => m.Groups[g].Success ? int.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture) : 0;
            var seconds = m.Groups["s"].Success ? decimal.Parse(m.Groups["s"].Value.Replace(',', '.'), CultureInfo.InvariantCulture) : 0m;
            var sign = m.Groups["neg"].Success ? -1 : 1;
            var time = TimeSpan.FromHours(Int("h")) + TimeSpan.FromMinutes(Int("mi")) + TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
            duration = new IsoDuration(sign * Int("y"), sign * Int("mo"), sign * (Int("d") + 7 * Int("w")), sign == 1 ? time : -time);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>A date-time with an offset or Z; a date alone means midnight UTC; a local time without offset is read as UTC.</summary>
    public static bool TryParseDateTime(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        if (text.Length < 10 || !char.IsAsciiDigit(text[0])) return false;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            value = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }
        if (!text.Contains('T')) return false;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    public static bool TryParseRepeatingInterval(string? text, out RepeatingInterval? interval)
    {
        interval = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parts = text.Trim().Split('/');
        if (parts.Length is < 2 or > 3 || !parts[0].StartsWith('R')) return false;
        int? repetitions = null;
        if (parts[0].Length > 1)
        {
            if (!int.TryParse(parts[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var r) || r < 1) return false;
            repetitions = r;
        }
        DateTimeOffset? start = null;
        string durationText;
        if (parts.Length == 3)
        {
            if (!TryParseDateTime(parts[1], out var s)) return false;
            start = s;
            durationText = parts[2];
        }
        else durationText = parts[1];
        if (!TryParseDuration(durationText, out var duration) || duration.IsZero || duration.Time < TimeSpan.Zero || duration.Days < 0) return false;
        interval = new RepeatingInterval(repetitions, start, duration);
        return true;
    }
}

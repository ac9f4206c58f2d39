using Workflows.Engine.Contracts;

namespace Workflows.Engine.Calendar;

/// <summary>
/// Working days: Monday to Friday, less the configured public holidays, plus the weekend days that are worked
/// in their place (China's 调休 make-up days). Deadlines counted in working days (a public-notice window, a
/// committee deadline) use it. Days are dates in <see cref="TimeZone"/> (the host configures Asia/Shanghai):
/// a task created on Friday at 02:00 Beijing time is created on a Friday, whatever the UTC date says.
/// </summary>
public sealed class HolidayCalendar(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> workingWeekendDays, TimeZoneInfo? timeZone = null)
    : IBusinessCalendar
{
    private readonly HashSet<DateOnly> _holidays = holidays.ToHashSet();
    private readonly HashSet<DateOnly> _workingWeekendDays = workingWeekendDays.ToHashSet();

    /// <summary>The zone whose dates are the working days (UTC when none is given).</summary>
    public TimeZoneInfo TimeZone { get; } = timeZone ?? TimeZoneInfo.Utc;

    public bool IsWorkingDay(DateOnly day) =>
        _workingWeekendDays.Contains(day) ||
        (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day));

    /// <summary>Counts whole working days from the start (not counting it) on local dates, keeping the local time of day.</summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        var step = Math.Sign(days);
        var local = TimeZoneInfo.ConvertTime(start, TimeZone).DateTime;
        for (var left = Math.Abs(days); left > 0;)
        {
            local = local.AddDays(step);
            if (IsWorkingDay(DateOnly.FromDateTime(local))) left--;
        }
        return Local(local);
    }

    public DateTimeOffset StartOfDay(DateOnly day) => Local(day.ToDateTime(TimeOnly.MinValue));

    private DateTimeOffset Local(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, TimeZone.GetUtcOffset(unspecified));
    }
}

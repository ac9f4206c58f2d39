using Workflows.Engine.Contracts;

namespace Workflows.Engine.Calendar;

/// <summary>
/// Working days: Monday to Friday, less the configured public holidays, plus the weekend days that are worked
/// in their place (China's 调休 make-up days). Deadlines counted in working days (a public-notice window, a
/// committee deadline) use it.
/// </summary>
public sealed class HolidayCalendar(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> workingWeekendDays) : IBusinessCalendar
{
    private readonly HashSet<DateOnly> _holidays = holidays.ToHashSet();
    private readonly HashSet<DateOnly> _workingWeekendDays = workingWeekendDays.ToHashSet();

    public bool IsWorkingDay(DateOnly day) =>
        _workingWeekendDays.Contains(day) ||
        (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day));

    /// <summary>Counts whole working days from the start (not counting it), keeping the time of day.</summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        var step = Math.Sign(days);
        var at = start;
        for (var left = Math.Abs(days); left > 0;)
        {
            at = at.AddDays(step);
            if (IsWorkingDay(DateOnly.FromDateTime(at.DateTime))) left--;
        }
        return at;
    }
}

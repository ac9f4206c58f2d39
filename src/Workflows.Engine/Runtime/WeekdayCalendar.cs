using Workflows.Engine.Contracts;

namespace Workflows.Engine.Runtime;

/// <summary>Monday to Friday, no holidays: the calendar used when none is configured.</summary>
public sealed class WeekdayCalendar : IBusinessCalendar
{
    public static readonly WeekdayCalendar Instance = new();

    public bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

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

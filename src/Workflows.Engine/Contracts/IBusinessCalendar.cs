namespace Workflows.Engine.Contracts;

/// <summary>
/// Working days for deadlines counted in working days (public notice windows, committee deadlines), in the
/// office's own time zone: a day is a local date, and a date without a time means the start of that local day.
/// </summary>
public interface IBusinessCalendar
{
    /// <summary>The office's own time zone (configured as <c>Calendar:TimeZone</c>): its dates, and the times shown to the public.</summary>
    TimeZoneInfo TimeZone { get; }
    bool IsWorkingDay(DateOnly day);
    /// <summary>Adds whole working days (negative: goes back) counted on local dates, keeping the local time of day.</summary>
    DateTimeOffset AddWorkingDays(DateTimeOffset start, int days);
    /// <summary>The instant a local date begins (a date-only due date or timer date).</summary>
    DateTimeOffset StartOfDay(DateOnly day);
}

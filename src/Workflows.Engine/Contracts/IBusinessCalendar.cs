namespace Workflows.Engine.Contracts;

/// <summary>Working days for deadlines counted in working days (public notice windows, committee deadlines).</summary>
public interface IBusinessCalendar
{
    bool IsWorkingDay(DateOnly day);
    /// <summary>Adds whole working days (negative: goes back), keeping the time of day.</summary>
    DateTimeOffset AddWorkingDays(DateTimeOffset start, int days);
}

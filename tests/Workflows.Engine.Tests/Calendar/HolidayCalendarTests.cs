using Workflows.Engine.Calendar;

namespace Workflows.Engine.Tests.Calendar;

public sealed class HolidayCalendarTests
{
    // National Day week as an office would configure it: 1-7 October off, the Saturday after worked.
    private static readonly HolidayCalendar NationalDay = new(
        Enumerable.Range(1, 7).Select(d => new DateOnly(2026, 10, d)),
        [new DateOnly(2026, 10, 10)]);

    [Fact]
    public void Weekends_and_holidays_are_skipped_and_make_up_days_count()
    {
        Assert.False(NationalDay.IsWorkingDay(new DateOnly(2026, 10, 5)));   // Monday, holiday
        Assert.False(NationalDay.IsWorkingDay(new DateOnly(2026, 10, 11)));  // Sunday
        Assert.True(NationalDay.IsWorkingDay(new DateOnly(2026, 10, 10)));   // Saturday, worked
        Assert.True(NationalDay.IsWorkingDay(new DateOnly(2026, 10, 9)));    // Friday
    }

    [Fact]
    public void Adding_working_days_crosses_the_holiday_and_keeps_the_time()
    {
        var start = new DateTimeOffset(2026, 9, 30, 9, 30, 0, TimeSpan.FromHours(8)); // Wednesday
        // 8 Oct (Thu), 9 Oct (Fri), 10 Oct (Sat, worked): the third working day.
        Assert.Equal(new DateTimeOffset(2026, 10, 10, 9, 30, 0, TimeSpan.FromHours(8)), NationalDay.AddWorkingDays(start, 3));
        Assert.Equal(start, NationalDay.AddWorkingDays(new DateTimeOffset(2026, 10, 8, 9, 30, 0, TimeSpan.FromHours(8)), -1));
    }

    [Fact]
    public void Fifteen_working_days_of_public_notice_take_three_weeks_without_holidays()
    {
        var plain = new HolidayCalendar([], []);
        var opened = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero); // Monday
        Assert.Equal(opened.AddDays(21), plain.AddWorkingDays(opened, 15));
    }
}

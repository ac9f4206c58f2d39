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

    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly HolidayCalendar ChinaNationalDay = new(
        Enumerable.Range(1, 7).Select(d => new DateOnly(2026, 10, d)), [new DateOnly(2026, 10, 10)], Beijing);

    /// <summary>Friday 02:00 in Beijing is still Thursday in UTC: counted on UTC dates, P1D landed on Saturday.</summary>
    [Fact]
    public void Working_days_are_counted_on_Beijing_dates()
    {
        var friday = new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.FromHours(8)), ChinaNationalDay.AddWorkingDays(friday, 1)); // Monday
    }

    /// <summary>30 September 07:00 in Beijing is 29 September in UTC: counted on UTC dates, P1D landed on the 1 October holiday.</summary>
    [Fact]
    public void A_day_before_national_day_is_due_after_the_holiday_week()
    {
        var lastDay = new DateTimeOffset(2026, 9, 30, 7, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 7, 0, 0, TimeSpan.FromHours(8)), ChinaNationalDay.AddWorkingDays(lastDay, 1));
    }

    [Fact]
    public void A_date_without_a_time_is_the_start_of_that_day_in_Beijing()
    {
        Assert.Equal(new DateTimeOffset(2026, 10, 9, 0, 0, 0, TimeSpan.FromHours(8)), ChinaNationalDay.StartOfDay(new DateOnly(2026, 10, 9)));
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 16, 0, 0, TimeSpan.Zero), ChinaNationalDay.StartOfDay(new DateOnly(2026, 10, 9)));
    }
}

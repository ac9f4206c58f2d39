using WorkflowHost.Localization;

namespace WorkflowHost.Tests.Localization;

public sealed class TimeDisplayTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public void An_instant_reads_in_the_office_s_zone_not_the_server_s()
    {
        var due = new DateTimeOffset(2026, 12, 9, 4, 22, 0, TimeSpan.Zero);
        Assert.Equal("2026年12月9日 12:22", TimeDisplay.Format(due, Shanghai, chinese: true));
        Assert.Equal("9 December 2026 12:22", TimeDisplay.Format(due, Shanghai, chinese: false));
    }

    [Fact]
    public void A_date_only_deadline_reads_as_a_date()
    {
        // The engine keeps a date-only due date as the start of that day in the office's zone: 16:00 UTC the day before.
        var due = new DateTimeOffset(2026, 12, 9, 0, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();
        Assert.Equal("2026年12月9日", TimeDisplay.Format(due, Shanghai, chinese: true));
        Assert.Equal("9 December 2026", TimeDisplay.Format(due, Shanghai, chinese: false));
    }

    [Fact]
    public void A_zone_this_machine_does_not_know_stops_start_up_naming_the_key()
    {
        var e = Assert.Throws<InvalidOperationException>(() => TimeDisplay.FindZone("Mars/Olympus", "Calendar:TimeZone"));
        Assert.Contains("Calendar:TimeZone", e.Message);
    }
}

using Workflows.Engine.Expressions;

namespace Workflows.Engine.Tests.Expressions;

public sealed class Iso8601Tests
{
    [Theory]
    [InlineData("P5D", 0, 0, 5, 0)]
    [InlineData("PT2H30M", 0, 0, 0, 150)]
    [InlineData("P1Y2M3DT4M", 1, 2, 3, 4)]
    [InlineData("P2W", 0, 0, 14, 0)]
    public void Durations_parse(string text, int years, int months, int days, int minutes)
    {
        Assert.True(Iso8601.TryParseDuration(text, out var d));
        Assert.Equal(new IsoDuration(years, months, days, TimeSpan.FromMinutes(minutes)), d);
    }

    [Theory]
    [InlineData("5D")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P5")]
    [InlineData("P1DT")]
    [InlineData("three days")]
    public void Bad_durations_are_rejected(string text) => Assert.False(Iso8601.TryParseDuration(text, out _));

    [Fact]
    public void Dates_and_cycles_parse()
    {
        Assert.True(Iso8601.TryParseDateTime("2026-12-01T09:00:00+08:00", out var at));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero), at.ToUniversalTime());
        Assert.True(Iso8601.TryParseDateTime("2026-12-01", out var day));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), day);

        Assert.True(Iso8601.TryParseRepeatingInterval("R3/PT10M", out var cycle));
        Assert.Equal((3, (DateTimeOffset?)null, TimeSpan.FromMinutes(10)), (cycle!.Repetitions!.Value, cycle.Start, cycle.Interval.AsTimeSpan!.Value));
        Assert.True(Iso8601.TryParseRepeatingInterval("R/P1D", out var forever));
        Assert.Null(forever!.Repetitions);
        Assert.True(Iso8601.TryParseRepeatingInterval("R2/2026-12-01T09:00:00Z/P1D", out var started));
        Assert.NotNull(started!.Start);
        Assert.False(Iso8601.TryParseRepeatingInterval("R3/PT0S", out _));
        Assert.False(Iso8601.TryParseRepeatingInterval("every hour", out _));
    }
}

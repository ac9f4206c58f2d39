namespace TechTransfer.Tests;

/// <summary>A clock the test moves by hand (Microsoft's FakeTimeProvider package is not obtainable here).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}

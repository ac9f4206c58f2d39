namespace WorkflowHost.Tests.Email;

/// <summary>A clock the test moves by hand (a day of retries in a second).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}

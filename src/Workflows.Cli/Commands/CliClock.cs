namespace Workflows.Cli.Commands;

/// <summary>The clock of a `run` session: starts now and moves only when told to (`advance`).</summary>
public sealed class CliClock : TimeProvider
{
    private DateTimeOffset _now = TimeProvider.System.GetUtcNow();
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
    public void AdvanceTo(DateTimeOffset at) => _now = at > _now ? at : _now;
}

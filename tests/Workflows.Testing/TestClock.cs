using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Workflows.Testing;

/// <summary>
/// The clock a host under test runs on: Microsoft's <see cref="FakeTimeProvider"/> (the one test clock of every
/// project; the engine's and the domain's tests use it standing still, at a date of their own), started at the wall
/// clock's now and moving with it, so that what the host waits for in passing (a debounce in a page, a poll, a lease)
/// passes as it would. A test jumps it with <see cref="FakeTimeProvider.Advance"/>: a 15-day window passes at once.
/// Each reading also moves it on by a microsecond, so rows written one after another keep their order, as on the wall
/// clock (a clock that moves in ticks would give them the same time).
/// </summary>
public sealed class TestClock : FakeTimeProvider
{
    private static readonly TimeSpan TickEvery = TimeSpan.FromMilliseconds(10);
    private static readonly List<WeakReference<TestClock>> Running = [];
    // One timer for every running clock; a clock nobody holds any more is let go.
    private static readonly Timer Ticker = new(_ => TickAll(), null, TickEvery, TickEvery);

    private long _followedUntil = Stopwatch.GetTimestamp();
    private int _ticking;

    private TestClock() : base(DateTimeOffset.UtcNow)
    {
        AutoAdvanceAmount = TimeSpan.FromMicroseconds(1);
    }

    /// <summary>A clock at the wall clock's now, moving with it from now on.</summary>
    public static TestClock StartingNow()
    {
        var clock = new TestClock();
        lock (Running) Running.Add(new WeakReference<TestClock>(clock));
        return clock;
    }

    /// <summary>Moves the clock on to <paramref name="at"/> (never back), firing the timers it passes.</summary>
    public void AdvanceTo(DateTimeOffset at)
    {
        var by = at - GetUtcNow();
        if (by > TimeSpan.Zero) Advance(by);
    }

    private static void TickAll()
    {
        List<TestClock> clocks = [];
        lock (Running)
        {
            Running.RemoveAll(r => !r.TryGetTarget(out _));
            foreach (var r in Running)
                if (r.TryGetTarget(out var clock)) clocks.Add(clock);
        }
        foreach (var clock in clocks) clock.Follow();
    }

    /// <summary>Moves on by the wall time since the last tick (one tick at a time: a slow timer callback delays, never doubles, the next).</summary>
    private void Follow()
    {
        if (Interlocked.Exchange(ref _ticking, 1) == 1) return;
        try
        {
            var now = Stopwatch.GetTimestamp();
            var elapsed = Stopwatch.GetElapsedTime(_followedUntil, now);
            _followedUntil = now;
            Advance(elapsed);
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }
}

using System.Diagnostics;
using Xunit;

namespace Workflows.Testing;

/// <summary>
/// The one way a test waits: a condition polled until it holds or a timeout passes, failing with what was awaited
/// (and, when given, where things stood). Never a fixed sleep: a test that advances a clock waits for the effect.
/// <code>clock.Advance(TimeSpan.FromDays(15)); await Eventually.HoldsAsync("the notice closed", async () => await StatusAsync() == "closed");</code>
/// </summary>
public static class Eventually
{
    /// <summary>Generous: the suite runs on two loaded cores, and a condition that holds returns at once.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(200);

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static async Task HoldsAsync(string what, Func<Task<bool>> condition, TimeSpan? timeout = null, Func<Task<string>>? state = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var watch = Stopwatch.StartNew();
        var pause = FirstPause;
        while (!await condition())
        {
            if (watch.Elapsed > limit)
            {
                var where = state is null ? "" : "\n" + await state();
                Assert.Fail($"Waited {limit.TotalSeconds:0.#} s for {what}; it did not happen.{where}");
            }
            await Task.Delay(pause);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task HoldsAsync(string what, Func<bool> condition, TimeSpan? timeout = null, Func<Task<string>>? state = null) =>
        HoldsAsync(what, () => Task.FromResult(condition()), timeout, state);

    /// <summary>Waits until <paramref name="probe"/> returns something, and returns it.</summary>
    public static async Task<T> ReturnsAsync<T>(string what, Func<Task<T?>> probe, TimeSpan? timeout = null, Func<Task<string>>? state = null)
        where T : class
    {
        T? found = null;
        await HoldsAsync(what, async () => (found = await probe()) is not null, timeout, state);
        return found!;
    }

    /// <summary>Waits until <paramref name="probe"/> returns a value, and returns it.</summary>
    public static async Task<T> ReturnsAsync<T>(string what, Func<Task<T?>> probe, TimeSpan? timeout = null, Func<Task<string>>? state = null)
        where T : struct
    {
        T? found = null;
        await HoldsAsync(what, async () => (found = await probe()) is not null, timeout, state);
        return found!.Value;
    }

    /// <summary>Waits until <paramref name="probe"/> returns something, and returns it.</summary>
    public static Task<T> ReturnsAsync<T>(string what, Func<T?> probe, TimeSpan? timeout = null, Func<Task<string>>? state = null) where T : class =>
        ReturnsAsync(what, () => Task.FromResult(probe()), timeout, state);
}

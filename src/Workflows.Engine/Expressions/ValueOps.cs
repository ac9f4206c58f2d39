using System.Globalization;

namespace Workflows.Engine.Expressions;

/// <summary>Equality, ordering and arithmetic over expression values. Incompatible operands give null, as in FEEL.</summary>
internal static class ValueOps
{
    public static bool AreEqual(object? a, object? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a is IReadOnlyList<object?> la && b is IReadOnlyList<object?> lb)
            return la.Count == lb.Count && la.Zip(lb).All(p => AreEqual(p.First, p.Second));
        if (a is IReadOnlyDictionary<string, object?> ma && b is IReadOnlyDictionary<string, object?> mb)
            return ma.Count == mb.Count && ma.All(kv => mb.TryGetValue(kv.Key, out var v) && AreEqual(kv.Value, v));
        if (a is bool || b is bool) return Equals(a, b);
        return Compare(a, b) == 0;
    }

    public static int? Compare(object? a, object? b) => (a, b) switch
    {
        (decimal x, decimal y) => x.CompareTo(y),
        (string x, string y) => string.CompareOrdinal(x, y),
        (DateTimeOffset x, DateTimeOffset y) => x.CompareTo(y),
        (DateOnly x, DateOnly y) => x.CompareTo(y),
        (DateOnly x, DateTimeOffset y) => ToDateTime(x).CompareTo(y),
        (DateTimeOffset x, DateOnly y) => x.CompareTo(ToDateTime(y)),
        (TimeSpan x, TimeSpan y) => x.CompareTo(y),
        (bool x, bool y) => x.CompareTo(y),
        _ => null,
    };

    public static DateTimeOffset ToDateTime(DateOnly d) => new(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static object? Add(object? a, object? b) => (a, b) switch
    {
        (decimal x, decimal y) => x + y,
        (string x, string y) => x + y,
        (string x, not null) => x + Text(b),
        (not null, string y) => Text(a) + y,
        (DateTimeOffset x, TimeSpan y) => x + y,
        (TimeSpan x, DateTimeOffset y) => y + x,
        (DateTimeOffset x, IsoDuration y) => y.AddTo(x),
        (DateOnly x, TimeSpan y) => x.AddDays(y.Days),
        (DateOnly x, IsoDuration y) => DateOnly.FromDateTime(y.AddTo(ToDateTime(x)).UtcDateTime),
        (TimeSpan x, TimeSpan y) => x + y,
        (IReadOnlyList<object?> x, IReadOnlyList<object?> y) => x.Concat(y).ToList(),
        _ => null,
    };

    public static object? Subtract(object? a, object? b) => (a, b) switch
    {
        (decimal x, decimal y) => x - y,
        (DateTimeOffset x, TimeSpan y) => x - y,
        (DateTimeOffset x, IsoDuration y) => y.SubtractFrom(x),
        (DateTimeOffset x, DateTimeOffset y) => x - y,
        (DateOnly x, DateOnly y) => TimeSpan.FromDays(x.DayNumber - y.DayNumber),
        (DateOnly x, TimeSpan y) => x.AddDays(-y.Days),
        (TimeSpan x, TimeSpan y) => x - y,
        _ => null,
    };

    public static object? Multiply(object? a, object? b) => (a, b) switch
    {
        (decimal x, decimal y) => x * y,
        (TimeSpan x, decimal y) => TimeSpan.FromTicks((long)(x.Ticks * y)),
        (decimal x, TimeSpan y) => TimeSpan.FromTicks((long)(y.Ticks * x)),
        _ => null,
    };

    public static object? Divide(object? a, object? b) => (a, b) switch
    {
        (decimal, decimal y) when y == 0m => null,
        (decimal x, decimal y) => x / y,
        (TimeSpan x, decimal y) when y != 0 => TimeSpan.FromTicks((long)(x.Ticks / y)),
        (TimeSpan x, TimeSpan y) when y != TimeSpan.Zero => (decimal)x.Ticks / y.Ticks,
        _ => null,
    };

    /// <summary>Invariant text of a value (what string() and concatenation produce).</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        DateTimeOffset dt => dt.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeSpan t => new IsoDuration(0, 0, t.Days, t - TimeSpan.FromDays(t.Days)).ToString(),
        IsoDuration iso => iso.ToString(),
        _ => ExpressionValues.ToJson(value)?.ToJsonString(),
    };
}

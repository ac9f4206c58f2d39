using System.Globalization;
using System.Text.RegularExpressions;

namespace Workflows.Engine.Expressions;

/// <summary>
/// Every function an expression may call: FEEL's names (with spaces) and camelCase aliases for JUEL habits.
/// There is no way to add functions from a workflow: no code runs but these.
/// </summary>
internal static class BuiltInFunctions
{
    private static readonly Dictionary<string, BuiltInFunction> Functions = Build();

    /// <summary>Names with spaces, longest first, for the lexer.</summary>
    public static readonly string[] MultiWordNames =
        Functions.Keys.Where(k => k.Contains(' ')).OrderByDescending(k => k.Length).ToArray();

    public static bool TryGet(string name, out BuiltInFunction function) => Functions.TryGetValue(name, out function!);

    public static IEnumerable<string> Names => Functions.Keys.Order();

    private static Dictionary<string, BuiltInFunction> Build()
    {
        var f = new Dictionary<string, BuiltInFunction>(StringComparer.Ordinal);
        void Add(string name, int min, int max, Func<ExpressionEvaluator, object?[], object?> body, params string[] aliases)
        {
            var fn = new BuiltInFunction(min, max, body);
            f[name] = fn;
            foreach (var alias in aliases) f[alias] = fn;
        }

        // lists
        Add("count", 1, 1, (e, a) => List(e, a[0]) is { } l ? (decimal)l.Count : null, "size");
        Add("sum", 1, 1, (e, a) => Numbers(e, a[0]) is { } n ? n.Sum() : null);
        Add("min", 1, 1, (e, a) => Aggregate(e, a[0], c => c < 0));
        Add("max", 1, 1, (e, a) => Aggregate(e, a[0], c => c > 0));
        Add("mean", 1, 1, (e, a) => Numbers(e, a[0]) is { Count: > 0 } n ? n.Sum() / n.Count : null, "avg");
        Add("all", 1, 1, (e, a) => List(e, a[0]) is { } l ? l.All(x => x is true) ? true : l.Any(x => x is false) ? false : null : null);
        Add("any", 1, 1, (e, a) => List(e, a[0]) is { } l ? l.Any(x => x is true) ? true : l.All(x => x is false) ? false : null : null);
        Add("list contains", 2, 2, (e, a) => List(e, a[0]) is { } l ? l.Any(x => ValueOps.AreEqual(x, a[1])) : null, "listContains");
        Add("append", 2, 32, (e, a) => List(e, a[0]) is { } l ? l.Concat(a.Skip(1)).ToList() : null);
        Add("distinct values", 1, 1, (e, a) =>
        {
            if (List(e, a[0]) is not { } l) return null;
            var result = new List<object?>();
            foreach (var x in l)
            {
                e.Step(result.Count);
                if (!result.Any(r => ValueOps.AreEqual(r, x))) result.Add(x);
            }
            return result;
        }, "distinctValues");
        Add("flatten", 1, 1, (e, a) => List(e, a[0]) is { } l ? Flatten(e, l) : null);
        Add("index of", 2, 2, (e, a) => List(e, a[0]) is { } l
            ? Enumerable.Range(0, l.Count).Where(i => ValueOps.AreEqual(l[i], a[1])).Select(i => (object?)(decimal)(i + 1)).ToList()
            : null, "indexOf");

        // strings
        Add("string length", 1, 1, (_, a) => a[0] is string s ? (decimal)s.Length : null, "stringLength");
        Add("substring", 2, 3, (_, a) => Substring(a));
        Add("upper case", 1, 1, (_, a) => (a[0] as string)?.ToUpperInvariant(), "upperCase");
        Add("lower case", 1, 1, (_, a) => (a[0] as string)?.ToLowerInvariant(), "lowerCase");
        Add("contains", 2, 2, (_, a) => a[0] is string s && a[1] is string t ? s.Contains(t, StringComparison.Ordinal) : null);
        Add("starts with", 2, 2, (_, a) => a[0] is string s && a[1] is string t ? s.StartsWith(t, StringComparison.Ordinal) : null, "startsWith");
        Add("ends with", 2, 2, (_, a) => a[0] is string s && a[1] is string t ? s.EndsWith(t, StringComparison.Ordinal) : null, "endsWith");
        Add("matches", 2, 2, (_, a) => a[0] is string s && a[1] is string p ? Matches(s, p) : null);
        Add("string", 1, 1, (_, a) => ValueOps.Text(a[0]));
        Add("number", 1, 1, (_, a) => a[0] switch
        {
            decimal d => d,
            string s when decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        });
        Add("trim", 1, 1, (_, a) => (a[0] as string)?.Trim());

        // dates and durations
        Add("now", 0, 0, (e, _) => e.Context.Clock.GetUtcNow());
        Add("today", 0, 0, (e, _) => DateOnly.FromDateTime(e.Context.Clock.GetUtcNow().UtcDateTime));
        Add("date", 1, 1, (_, a) => a[0] switch
        {
            DateOnly d => d,
            DateTimeOffset dt => DateOnly.FromDateTime(dt.UtcDateTime),
            string s when DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d,
            string s when Iso8601.TryParseDateTime(s, out var dt) => DateOnly.FromDateTime(dt.UtcDateTime),
            _ => null,
        });
        Add("date and time", 1, 1, (_, a) => a[0] switch
        {
            DateTimeOffset dt => dt,
            DateOnly d => ValueOps.ToDateTime(d),
            string s when Iso8601.TryParseDateTime(s, out var dt) => dt,
            _ => null,
        }, "dateAndTime", "dateTime");
        Add("duration", 1, 1, (_, a) => a[0] switch
        {
            TimeSpan t => t,
            IsoDuration iso => iso.AsTimeSpan is { } t ? t : iso,
            string s when Iso8601.TryParseDuration(s, out var iso) => iso.AsTimeSpan is { } t ? t : iso,
            _ => null,
        });
        Add("day of week", 1, 1, (_, a) => a[0] switch
        {
            DateOnly d => d.DayOfWeek.ToString(),
            DateTimeOffset dt => dt.DayOfWeek.ToString(),
            _ => null,
        }, "dayOfWeek");
        Add("days", 1, 1, (_, a) => a[0] is decimal d ? TimeSpan.FromDays((double)d) : null);
        Add("hours", 1, 1, (_, a) => a[0] is decimal d ? TimeSpan.FromHours((double)d) : null);

        // numbers
        Add("abs", 1, 1, (_, a) => a[0] is decimal d ? Math.Abs(d) : null);
        Add("floor", 1, 1, (_, a) => a[0] is decimal d ? Math.Floor(d) : null);
        Add("ceiling", 1, 1, (_, a) => a[0] is decimal d ? Math.Ceiling(d) : null);
        Add("round", 1, 2, (_, a) => a[0] is decimal d ? Math.Round(d, a.Length > 1 && a[1] is decimal s ? (int)s : 0, MidpointRounding.AwayFromZero) : null);
        Add("decimal", 2, 2, (_, a) => a[0] is decimal d && a[1] is decimal s ? Math.Round(d, (int)s, MidpointRounding.ToEven) : null);
        Add("modulo", 2, 2, (_, a) => a[0] is decimal d && a[1] is decimal m && m != 0 ? d % m : null);

        // logic and nulls
        Add("not", 1, 1, (_, a) => a[0] switch { bool b => !b, null => true, _ => null });
        Add("is defined", 1, 1, (_, a) => a[0] is not null, "isDefined");
        Add("get or else", 2, 2, (_, a) => a[0] ?? a[1], "getOrElse");
        Add("get value", 2, 2, (_, a) => a[0] is IReadOnlyDictionary<string, object?> m && a[1] is string k && m.TryGetValue(k, out var v) ? v : null, "getValue");
        return f;
    }

    private static IReadOnlyList<object?>? List(ExpressionEvaluator e, object? value)
    {
        var list = value switch
        {
            null => null,
            IReadOnlyList<object?> l => l,
            _ => new[] { value },
        };
        if (list is not null) e.Step(list.Count);
        return list;
    }

    private static List<decimal>? Numbers(ExpressionEvaluator e, object? value)
    {
        if (List(e, value) is not { } list) return null;
        var numbers = new List<decimal>(list.Count);
        foreach (var item in list)
        {
            if (item is decimal d) numbers.Add(d);
            else if (item is not null) return null;
        }
        return numbers;
    }

    private static object? Aggregate(ExpressionEvaluator e, object? value, Func<int, bool> better)
    {
        if (List(e, value) is not { Count: > 0 } list) return null;
        var best = list[0];
        foreach (var item in list.Skip(1))
        {
            var c = ValueOps.Compare(item, best);
            if (c is null) return null;
            if (better(c.Value)) best = item;
        }
        return best;
    }

    private static List<object?> Flatten(ExpressionEvaluator e, IReadOnlyList<object?> list)
    {
        var result = new List<object?>();
        foreach (var item in list)
        {
            e.Step();
            if (item is IReadOnlyList<object?> inner) result.AddRange(Flatten(e, inner));
            else result.Add(item);
        }
        return result;
    }

    private static object? Substring(object?[] a)
    {
        if (a[0] is not string s || a[1] is not decimal start) return null;
        // FEEL: 1-based start; negative counts from the end.
        var from = start > 0 ? (int)start - 1 : s.Length + (int)start;
        from = Math.Clamp(from, 0, s.Length);
        var length = a.Length > 2 && a[2] is decimal l ? Math.Clamp((int)l, 0, s.Length - from) : s.Length - from;
        return s.Substring(from, length);
    }

    private const int MaxPatternLength = 1000;

    private static bool? Matches(string input, string pattern)
    {
        if (pattern.Length > MaxPatternLength)
            throw new ExpressionEvaluationException($"matches(): the pattern is longer than {MaxPatternLength} characters");
        try
        {
            // The non-backtracking engine runs in time linear in the input: no pattern can hang a step, and no timeout can fire.
            return Regex.IsMatch(input, pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException ex)
        {
            throw new ExpressionEvaluationException($"matches(): the pattern uses a construct that is not supported (back-references, look-arounds): {ex.Message}");
        }
        catch (ArgumentException ex)
        {
            throw new ExpressionEvaluationException($"matches(): invalid pattern: {ex.Message}");
        }
    }
}

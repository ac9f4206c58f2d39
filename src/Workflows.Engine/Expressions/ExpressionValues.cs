using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.Engine.Expressions;

/// <summary>
/// Conversion between stored JSON variables and expression values: null, bool, decimal, string, DateTimeOffset,
/// DateOnly, TimeSpan, IsoDuration, lists and string-keyed maps. JSON strings stay strings: dates are made with
/// date() / date and time().
/// </summary>
public static class ExpressionValues
{
    public static object? FromJson(JsonNode? node)
    {
        switch (node)
        {
            case null: return null;
            case JsonObject obj:
            {
                var map = new Dictionary<string, object?>(obj.Count, StringComparer.Ordinal);
                foreach (var (k, v) in obj) map[k] = FromJson(v);
                return map;
            }
            case JsonArray array:
            {
                var list = new List<object?>(array.Count);
                foreach (var item in array) list.Add(FromJson(item));
                return list;
            }
            case JsonValue value:
                return FromValue(value);
            default:
                return null;
        }
    }

    private static object? FromValue(JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            return element.ValueKind switch
            {
                JsonValueKind.String => element.GetString(),
                JsonValueKind.Number => element.TryGetDecimal(out var d) ? d : (decimal)element.GetDouble(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => null,
            };
        }
        if (value.TryGetValue<string>(out var s)) return s;
        if (value.TryGetValue<bool>(out var b)) return b;
        if (value.TryGetValue<decimal>(out var m)) return m;
        if (value.TryGetValue<int>(out var i)) return (decimal)i;
        if (value.TryGetValue<long>(out var l)) return (decimal)l;
        if (value.TryGetValue<double>(out var dbl)) return double.IsFinite(dbl) ? (decimal)dbl : null;
        if (value.TryGetValue<float>(out var f)) return float.IsFinite(f) ? (decimal)f : null;
        if (value.TryGetValue<Guid>(out var g)) return g.ToString();
        if (value.TryGetValue<DateTimeOffset>(out var dto)) return dto;
        if (value.TryGetValue<DateTime>(out var dt)) return new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc));
        return value.ToJsonString();
    }

    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        decimal d => JsonValue.Create(d),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double dbl => JsonValue.Create(dbl),
        DateTimeOffset dt => JsonValue.Create(dt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture)),
        DateOnly d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        TimeSpan or IsoDuration => JsonValue.Create(ValueOps.Text(value)),
        IReadOnlyDictionary<string, object?> map => new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key, ToJson(kv.Value)))),
        IReadOnlyList<object?> list => new JsonArray(list.Select(ToJson).ToArray()),
        _ => JsonValue.Create(value.ToString()),
    };
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.Engine.Runtime;

/// <summary>
/// How <see cref="TaskQuery.Variables"/> compares a variable with the text of a filter, in one place for every store.
/// A variable matches when its <see cref="IndexValue"/> equals the text: a string variable by its text, a number or a
/// boolean by its JSON (<c>5</c>, <c>12.5</c>, <c>true</c>). Variables of the instance and of its scopes count (a
/// multi-instance body's own variables too); objects, lists and values longer than <see cref="MaxLength"/> characters
/// are not filtered on (a database store keeps an index of exactly the values this gives).
/// </summary>
public static class TaskVariableFilter
{
    /// <summary>The longest value (and name) a filter can match.</summary>
    public const int MaxLength = 256;

    /// <summary>The text a variable is filtered by, or null when it is not a filterable value.</summary>
    public static string? IndexValue(JsonNode? variable)
    {
        var text = variable switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number => v.ToJsonString(),
            _ => null,
        };
        return text is { Length: <= MaxLength } ? text : null;
    }

    /// <summary>Whether a variable's value matches the text.</summary>
    public static bool Matches(JsonNode? variable, string value) => IndexValue(variable) == value;

    /// <summary>Every filterable (name, value) of an instance: its variables and its scopes', each pair once, in order.</summary>
    public static SortedSet<(string Name, string Value)> IndexValues(State.InstanceState state)
    {
        var pairs = new SortedSet<(string Name, string Value)>(Comparer<(string, string)>.Create((a, b) =>
            string.CompareOrdinal(a.Item1, b.Item1) is var byName and not 0 ? byName : string.CompareOrdinal(a.Item2, b.Item2)));
        void Add(JsonObject variables)
        {
            foreach (var (name, node) in variables)
                if (name.Length <= MaxLength && IndexValue(node) is { } text) pairs.Add((name, text));
        }
        Add(state.Variables);
        foreach (var scope in state.Scopes) Add(scope.Variables);
        return pairs;
    }
}

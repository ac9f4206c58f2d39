using System.Text.Json.Nodes;
using Workflows.Engine.Expressions;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution;

/// <summary>
/// The variables visible from a scope: its own locals, then each enclosing scope's, then the process's
/// (nearest wins). Extra values (a task's submitted data, a boundary's due date) can be laid on top.
/// </summary>
internal sealed class VariableView(InstanceState state, string? scopeId, JsonObject? overlay = null, IReadOnlyDictionary<string, object?>? extra = null)
    : IVariableScope
{
    public bool TryGetVariable(string name, out object? value)
    {
        if (extra is not null && extra.TryGetValue(name, out value)) return true;
        if (overlay is not null && overlay.TryGetPropertyValue(name, out var o))
        {
            value = ExpressionValues.FromJson(o);
            return true;
        }
        for (var scope = Find(scopeId); scope is not null; scope = Find(scope.ParentScopeId))
        {
            if (scope.Variables.TryGetPropertyValue(name, out var local))
            {
                value = ExpressionValues.FromJson(local);
                return true;
            }
        }
        if (state.Variables.TryGetPropertyValue(name, out var node))
        {
            value = ExpressionValues.FromJson(node);
            return true;
        }
        value = null;
        return false;
    }

    /// <summary>The stored value a name reads from here (the nearest place that has it), or null.</summary>
    public JsonNode? Stored(string name)
    {
        if (overlay is not null && overlay.TryGetPropertyValue(name, out var o)) return o;
        for (var scope = Find(scopeId); scope is not null; scope = Find(scope.ParentScopeId))
            if (scope.Variables.TryGetPropertyValue(name, out var local)) return local;
        return state.Variables.TryGetPropertyValue(name, out var node) ? node : null;
    }

    /// <summary>All visible variables flattened into one object (process first, nearer scopes override).</summary>
    public JsonObject Snapshot()
    {
        var result = (JsonObject)state.Variables.DeepClone();
        var chain = new List<ScopeState>();
        for (var scope = Find(scopeId); scope is not null; scope = Find(scope.ParentScopeId)) chain.Add(scope);
        for (var i = chain.Count - 1; i >= 0; i--)
            foreach (var (k, v) in chain[i].Variables) result[k] = v?.DeepClone();
        if (overlay is not null)
            foreach (var (k, v) in overlay) result[k] = v?.DeepClone();
        return result;
    }

    private ScopeState? Find(string? id)
    {
        if (id is null) return null;
        foreach (var s in state.Scopes)
            if (s.Id == id) return s;
        return null;
    }
}

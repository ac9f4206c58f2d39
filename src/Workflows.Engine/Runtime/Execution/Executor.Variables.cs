using System.Text;
using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution;

/// <summary>
/// Where variables are written and how big they may be: an activity's locals (its input mappings), the scope
/// that already has a name, else the process; every value is checked against <see cref="WorkflowRuntimeOptions.MaxVariableBytes"/>.
/// </summary>
internal sealed partial class Executor
{
    /// <summary>
    /// Writes a variable seen from a token: the activity's own local first (a task completed with a name its
    /// input mapping created updates that local, as in Camunda 7), else where it lives (<see cref="SetVariable(InstanceContext, string?, string, JsonNode?, FlowNode?)"/>).
    /// </summary>
    internal void SetVariable(InstanceContext ic, Token token, string name, JsonNode? value, FlowNode? node = null)
    {
        CheckSize(name, value, node);
        if (token.Locals is { } locals && locals.ContainsKey(name))
        {
            locals[name] = value;
            return;
        }
        SetVariable(ic, token.ScopeId, name, value, node);
    }

    /// <summary>
    /// Writes a variable where it lives: the nearest scope that already has it, otherwise the process
    /// (Camunda's rule, so a sub-process can update a process variable).
    /// </summary>
    internal void SetVariable(InstanceContext ic, string? scopeId, string name, JsonNode? value, FlowNode? node = null)
    {
        CheckSize(name, value, node);
        for (var scope = ic.FindScope(scopeId); scope is not null; scope = ic.FindScope(scope.ParentScopeId))
        {
            if (scope.Variables.ContainsKey(name))
            {
                scope.Variables[name] = value;
                return;
            }
        }
        ic.State.Variables[name] = value;
    }

    /// <summary>
    /// A variable larger than the limit is refused: computed by an element (an output mapping doubling a text in a
    /// loop), it is an incident at that element; given from outside (a task's form, a message), the command fails.
    /// </summary>
    internal void CheckSize(string name, JsonNode? value, FlowNode? node)
    {
        if (value is null) return;
        var limit = Options.MaxVariableBytes;
        if (limit <= 0) return;
        // A string's UTF-8 size is at most three bytes a char: only near the limit is it worth counting exactly.
        if (value is JsonValue v && v.TryGetValue<string>(out var text) && (long)text.Length * 3 + 2 <= limit) return;
        var size = Encoding.UTF8.GetByteCount(value.ToJsonString(EngineJson.Options));
        if (size <= limit) return;
        var message = $"the variable '{name}' would hold {size:N0} bytes, over the limit of {limit:N0} bytes a variable (MaxVariableBytes)";
        if (node is not null) throw new NodeFailedException(node, $"{node}: {message}.");
        throw new InvalidOperationWorkflowException($"Refused: {message}.");
    }

    /// <summary>A mapping's value, evaluated and checked against the size limit.</summary>
    internal JsonNode? MappedValue(VariableMapping mapping, IVariableScope view, FlowNode node)
    {
        var value = ExpressionValues.ToJson(Evaluate(mapping.Source, view, node));
        CheckSize(mapping.Target, value, node);
        return value;
    }

    /// <summary>Local variables from a node's input mappings, evaluated in the token's scope (each mapping
    /// sees the ones before it).</summary>
    internal JsonObject Inputs(NodeExecution x)
    {
        var node = x.Node;
        var locals = new JsonObject();
        if (node.Inputs.Count == 0) return locals;
        var view = View(x, locals);
        foreach (var mapping in node.Inputs)
            locals[mapping.Target] = MappedValue(mapping, view, node);
        return locals;
    }

    /// <summary>Evaluates the input mappings and keeps them on the token as the activity's locals.</summary>
    internal void EnterLocals(NodeExecution x)
    {
        x.Token.Locals = null;
        var locals = Inputs(x);
        x.Token.Locals = locals.Count > 0 ? locals : null;
    }

    /// <summary>Output mappings: evaluated over the activity's scope (its locals included), written to the enclosing scope.</summary>
    internal void ApplyOutputs(NodeExecution x)
    {
        var (_, ic, token, node) = x;
        if (node.Outputs.Count == 0) return;
        var view = View(x);
        var values = node.Outputs.Select(m => (m.Target, Value: MappedValue(m, view, node))).ToList();
        foreach (var (target, value) in values) SetVariable(ic, token.ScopeId, target, value, node);
    }

    /// <summary>The token leaves its activity: an open incident on it is resolved (the activity it was about is over).</summary>
    internal void ResolveIncident(StepContext ctx, InstanceContext ic, Token token, string why)
    {
        if (token.IncidentId is not { } incidentId) return;
        token.IncidentId = null;
        ic.Instance.OpenIncidents = Math.Max(0, ic.Instance.OpenIncidents - 1);
        var inserted = ctx.Changes.InsertedIncidents.Find(i => i.Id == incidentId);
        if (inserted is not null)
        {
            inserted.ResolvedAt = ctx.Now;
            inserted.ResolvedBy = ctx.Actor;
        }
        else
        {
            ctx.Changes.UpdatedIncidents.Add(new Incident
            {
                Id = incidentId, InstanceId = ic.Id, TokenId = token.Id, ElementId = token.NodeId,
                Message = why, ResolvedAt = ctx.Now, ResolvedBy = ctx.Actor,
            });
        }
        ctx.History(ic, HistoryEventType.IncidentResolved, token.NodeId, null, token.Id, Json(new { incidentId, reason = why }));
    }
}

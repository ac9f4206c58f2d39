using System.Text.Json.Nodes;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution.Behaviors;

/// <summary>
/// A call activity starts an instance of the called process (latest published, or the bound version) with the
/// <c>camunda:in</c> values, and its token waits until that instance ends; then the <c>camunda:out</c> values come back.
/// A call that would go deeper than <see cref="WorkflowRuntimeOptions.MaxCallDepth"/> is an incident instead.
/// </summary>
internal sealed class CallActivityBehavior(Executor engine) : ActivityBehavior<CallActivity>(engine)
{
    protected override async Task EnterAsync(NodeExecution x, CancellationToken ct)
    {
        var (ctx, ic, token, node) = (x.Step, x.Instance, x.Token, Node(x));
        var definition = node.CalledVersion is { } v
            ? await ctx.Store.GetDefinitionAsync(WorkflowDefinitionRecord.MakeId(node.CalledElement, v), ct)
            : await ctx.Store.GetLatestPublishedAsync(node.CalledElement, ct);
        if (definition is null || definition.Status != DefinitionStatus.Published)
        {
            Engine.RaiseIncident(x,
                $"{node} calls process '{node.CalledElement}'{(node.CalledVersion is { } cv ? $" version {cv}" : "")}, which is not published.", null);
            return;
        }
        var maxDepth = Engine.Options.MaxCallDepth;
        if (ic.State.CallDepth + 1 > maxDepth)
        {
            // A process that calls itself (or A -> B -> A) would nest instances without end: stop with an incident.
            Engine.RaiseIncident(x,
                $"{node} would start a called instance {ic.State.CallDepth + 1} calls deep, over the limit of {maxDepth} (MaxCallDepth): does the process call itself?", null);
            return;
        }
        var process = ctx.Definitions.Add(definition);
        var view = Engine.View(ic, token);
        var variables = node.InAll ? view.Snapshot() : new JsonObject();
        foreach (var mapping in node.InMappings)
            variables[mapping.Target] = Engine.MappedValue(mapping, view, node);

        OpenBoundaryEvents(x);
        var child = Engine.StartInstance(ctx, definition, process, variables, node.PassBusinessKey ? ic.Instance.BusinessKey : null,
            ctx.Actor, parent: (ic, token));
        child.State.CallDepth = ic.State.CallDepth + 1;
        token.Status = TokenStatus.Waiting;
        token.ChildInstanceId = child.Id;
    }

    /// <summary>A called instance ended: copy its out-mappings into the caller and move the caller on.</summary>
    internal async Task ResumeCallerAsync(StepContext ctx, InstanceContext child, CancellationToken ct)
    {
        var parent = await ctx.LoadInstanceAsync(child.Instance.ParentInstanceId!.Value, ct);
        var token = child.Instance.ParentTokenId is { } tid ? parent.FindToken(tid) : null;
        if (parent.Ended || token is null || token.ChildInstanceId != child.Id) return;
        var x = new NodeExecution(ctx, parent, token, parent.Process.GetNode(token.NodeId));
        var node = Node(x);
        var childView = new VariableView(child.State, null);
        var values = new List<(string, JsonNode?)>();
        if (node.OutAll)
            foreach (var (k, v) in child.State.Variables) values.Add((k, v?.DeepClone()));
        try
        {
            foreach (var mapping in node.OutMappings)
                values.Add((mapping.Target, Engine.MappedValue(mapping, childView, node)));
            foreach (var (name, value) in values) Engine.SetVariable(parent, token, name, value, node);
            token.ChildInstanceId = null;
            token.Status = TokenStatus.Ready;
            Engine.Leave(x);
        }
        catch (NodeFailedException e)
        {
            Engine.RaiseIncident(x.At(e.Node), e.Message, null);
        }
    }
}

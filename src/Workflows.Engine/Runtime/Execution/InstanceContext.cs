using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution;

/// <summary>An instance loaded into a step, with its parsed process.</summary>
internal sealed class InstanceContext(ProcessInstance instance, ProcessDefinition process, ProcessGraph graph, bool isNew)
{
    public ProcessInstance Instance { get; } = instance;
    public ProcessDefinition Process { get; } = process;
    public ProcessGraph Graph { get; } = graph;
    public bool IsNew { get; } = isNew;
    public InstanceState State => Instance.State;
    public Guid Id => Instance.Id;
    public bool Ended => Instance.Status != InstanceStatus.Running;

    public Token? FindToken(string id)
    {
        foreach (var t in State.Tokens)
            if (t.Id == id) return t;
        return null;
    }

    public ScopeState? FindScope(string? id)
    {
        if (id is null) return null;
        foreach (var s in State.Scopes)
            if (s.Id == id) return s;
        return null;
    }

    public Token NewToken(string nodeId, string? scopeId, TokenStatus status = TokenStatus.Ready)
    {
        var token = new Token { Id = State.NewId("t"), NodeId = nodeId, ScopeId = scopeId, Status = status };
        State.Tokens.Add(token);
        return token;
    }
}

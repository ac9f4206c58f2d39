using System.Text.Json.Nodes;

namespace Workflows.Engine.Runtime.State;

/// <summary>
/// The execution state of one instance: tokens (where the process is), scopes (sub-processes and
/// multi-instance bodies with their local variables) and the process variables. Serialised as one JSON document.
/// </summary>
public sealed class InstanceState
{
    public JsonObject Variables { get; set; } = new();
    public List<Token> Tokens { get; set; } = new();
    public List<ScopeState> Scopes { get; set; } = new();
    /// <summary>How many call activities lie between this instance and its root (0 for a root instance).</summary>
    public int CallDepth { get; set; }
    /// <summary>Source of short, instance-unique ids for tokens and scopes.</summary>
    public int NextId { get; set; } = 1;

    public string NewId(string prefix) => prefix + (NextId++).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public enum TokenStatus
{
    /// <summary>About to execute its node (transient inside a step).</summary>
    Ready = 0,
    /// <summary>Waiting at its node on a bookmark: a user task, timer, message, call activity or retry.</summary>
    Waiting = 1,
    /// <summary>Arrived at a joining gateway, waiting for its siblings.</summary>
    Joining = 2,
    /// <summary>Owns a scope (a sub-process or multi-instance body) whose inner tokens run.</summary>
    InScope = 3,
}

public sealed class Token
{
    public required string Id { get; init; }
    public required string NodeId { get; set; }
    /// <summary>The scope this token runs in (null: process level).</summary>
    public string? ScopeId { get; set; }
    public TokenStatus Status { get; set; }
    /// <summary>The sequence flow it arrived by (joins count distinct incoming flows).</summary>
    public string? ArrivedVia { get; set; }
    /// <summary>The user task this token waits on.</summary>
    public Guid? TaskId { get; set; }
    /// <summary>Bookmarks this token owns (boundary timers, reminders, catch events, a retry): deleted when it moves on.</summary>
    public List<Guid>? Bookmarks { get; set; }
    /// <summary>The child instance a call activity waits for.</summary>
    public Guid? ChildInstanceId { get; set; }
    /// <summary>Failed attempts of the service task this token is at.</summary>
    public int Attempts { get; set; }
    /// <summary>The open incident this token is stuck on.</summary>
    public Guid? IncidentId { get; set; }
    /// <summary>Local variables of the activity the token is at (its input mappings, as in Camunda 7): visible to
    /// the activity and its output mappings, gone when the token leaves.</summary>
    public System.Text.Json.Nodes.JsonObject? Locals { get; set; }
}

public enum ScopeKind { SubProcess = 0, MultiInstanceBody = 1, MultiInstanceItem = 2, Activity = 3 }

public sealed class ScopeState
{
    public required string Id { get; init; }
    public required ScopeKind Kind { get; init; }
    /// <summary>The node this scope belongs to (the sub-process or the multi-instance activity).</summary>
    /// <remarks>Changed only by a migration to another version.</remarks>
    public required string NodeId { get; set; }
    public string? ParentScopeId { get; init; }
    /// <summary>The token that entered the activity and waits (InScope) until the scope completes.</summary>
    public required string OwnerTokenId { get; init; }
    public JsonObject Variables { get; set; } = new();

    // multi-instance body counters (nrOfInstances etc. are also exposed as variables)
    public int Instances { get; set; }
    public int Active { get; set; }
    public int Completed { get; set; }
    /// <summary>Sequential: the items still to run; parallel: unused.</summary>
    public JsonArray? PendingItems { get; set; }
    public int LoopCounter { get; set; }
}

namespace Workflows.Engine.Runtime;

public sealed class WorkflowRuntimeOptions
{
    /// <summary>How often a step is re-run after losing an optimistic-concurrency race to an unrelated step.</summary>
    public int MaxConflictRetries { get; set; } = 8;
    /// <summary>Waits between failed attempts of a service task; the last one repeats. Attempts are the task's wf:retries.</summary>
    public TimeSpan[] ServiceRetryBackoff { get; set; } = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5)];
    /// <summary>Template names send tasks may use; null = any (checked at publish when set).</summary>
    public IReadOnlySet<string>? KnownTemplates { get; set; }
    /// <summary>The group told about incidents.</summary>
    public string AdministratorsGroup { get; set; } = "system-administrator";
    /// <summary>How long "the latest published version" of a process is remembered before asking the store again.
    /// Publishing through this runtime refreshes it at once; another host's publication is seen after this time.</summary>
    public TimeSpan LatestVersionCacheTime { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>Upper bound of node executions in one step, so a loop drawn without a wait cannot spin forever.</summary>
    public int MaxNodeExecutionsPerStep { get; set; } = 10_000;
    /// <summary>How deep call activities may nest (a process calling itself, or A -> B -> A): the call that would go
    /// deeper becomes an incident at the call activity.</summary>
    public int MaxCallDepth { get; set; } = 32;
    /// <summary>The largest value one variable may hold, in bytes of its JSON (default 1 MiB; 0 = no limit). A value
    /// computed bigger (an output mapping doubling a text in a loop) is an incident at its element; one given from
    /// outside (a form, a message, a start request) is refused.</summary>
    public int MaxVariableBytes { get; set; } = 1024 * 1024;
    /// <summary>The limits every published file is read under (size, XML depth, element count, sub-process nesting,
    /// expression length); see doc/bpmn-subset.md. Handlers and templates are filled in by the runtime.</summary>
    public Parsing.BpmnParseOptions ParseLimits { get; set; } = new();
    /// <summary>The longest text an expression may produce at run time; more is an evaluation error (an incident).</summary>
    public int MaxExpressionTextLength { get; set; } = 1_000_000;
    /// <summary>Seals the submissions of confidential user tasks (<c>wf:confidential</c>); null: a key held in memory
    /// (<see cref="EphemeralConfidentialDataProtector"/>). A host with a database gives one over its persisted key ring.</summary>
    public Contracts.IConfidentialDataProtector? ConfidentialDataProtector { get; set; }
    /// <summary>The most items a list produced by an expression may hold at run time.</summary>
    public int MaxExpressionListLength { get; set; } = 100_000;
}

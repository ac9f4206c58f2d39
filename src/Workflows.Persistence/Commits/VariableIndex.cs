using System.Runtime.CompilerServices;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;

namespace Workflows.Persistence.Commits;

/// <summary>
/// What a store remembers of the wf_variables rows of the instances it handed out: the filterable values an instance
/// had when it was read, so that its step writes only the values that changed (most steps change none, and write no
/// row). An instance the store does not know (read elsewhere) has its rows replaced whole.
/// </summary>
internal sealed class VariableIndex
{
    private readonly ConditionalWeakTable<ProcessInstance, SortedSet<(string Name, string Value)>> _known = new();

    /// <summary>The values the index holds for an instance in the state it has now (none once it has ended).</summary>
    public static SortedSet<(string Name, string Value)> Of(ProcessInstance instance) =>
        instance.Status == InstanceStatus.Running ? TaskVariableFilter.IndexValues(instance.State) : [];

    /// <summary>Notes the values of an instance just read or just committed.</summary>
    public void Remember(ProcessInstance instance) => _known.AddOrUpdate(instance, Of(instance));

    public SortedSet<(string Name, string Value)>? Known(ProcessInstance instance) => _known.TryGetValue(instance, out var values) ? values : null;
}

namespace Workflows.Persistence.Rows;

/// <summary>A row of wf_variables: one filterable variable value of a running instance (see <see cref="Commits.VariableIndex"/>).</summary>
public sealed class VariableRow
{
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
    public Guid InstanceId { get; set; }
}

using Workflows.Engine.Model;

namespace Workflows.Engine.Parsing;

/// <summary>The model (null when the XML could not be read at all) and every diagnostic found.</summary>
public sealed record BpmnParseResult(BpmnModel? Model, IReadOnlyList<BpmnDiagnostic> Diagnostics)
{
    public bool IsValid => Model is not null && Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error);
    public IEnumerable<BpmnDiagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);
}

using Workflows.Engine.Model;

namespace Workflows.Engine.Parsing;

public enum DiagnosticSeverity { Error, Warning }

/// <summary>One problem in a BPMN file: a stable code (BPMN0xx), the element it concerns, where it stands, and a plain message.</summary>
public sealed record BpmnDiagnostic(string Code, string Message, string? ElementId, SourceLocation Location, DiagnosticSeverity Severity = DiagnosticSeverity.Error)
{
    /// <summary>MSBuild-style: <c>FILE(LINE,COL): error CODE: message</c>.</summary>
    public string Format(string file) =>
        $"{file}({Location.Line},{Location.Column}): {(Severity == DiagnosticSeverity.Error ? "error" : "warning")} {Code}: {Message}";

    public override string ToString() =>
        $"({Location.Line},{Location.Column}) {Code}: {Message}";
}

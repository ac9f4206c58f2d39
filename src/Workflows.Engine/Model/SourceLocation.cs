namespace Workflows.Engine.Model;

/// <summary>Where an element stands in its BPMN file (1-based), so every error can name the line.</summary>
public readonly record struct SourceLocation(int Line, int Column)
{
    public static readonly SourceLocation Unknown = new(0, 0);
    public override string ToString() => $"{Line},{Column}";
}

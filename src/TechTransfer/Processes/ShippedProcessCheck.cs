using Workflows.Engine.Model;
using Workflows.Engine.Parsing;

namespace TechTransfer.Processes;

/// <summary>
/// Checks a parsed BPMN file against <see cref="ShippedProcesses"/>: each shipped process it holds must keep every
/// catalog element (same id, same kind) and the main process must still call every stage. Other processes are not
/// concerned. The host adds these diagnostics to the engine's when a file is validated, saved as a draft or published,
/// so the designer says what is missing and a version that would break the code is never published.
/// </summary>
public static class ShippedProcessCheck
{
    /// <summary>The diagnostic code: a shipped process lost an element the code refers to.</summary>
    public const string MissingCatalogElement = "TT001";

    public static IReadOnlyList<BpmnDiagnostic> Check(BpmnModel model)
    {
        var diagnostics = new List<BpmnDiagnostic>();
        foreach (var process in model.Processes.Where(p => ShippedProcesses.All.Contains(p.Id)))
        {
            foreach (var element in ShippedProcesses.Elements.Where(e => e.ProcessId == process.Id))
                if (Problem(process, element) is { } problem) diagnostics.Add(Missing(process, element.Id, problem));
            if (process.Id != ShippedProcesses.Transfer.Id) continue;
            var called = process.NodesById.Values.OfType<CallActivity>().Select(c => c.CalledElement).ToHashSet(StringComparer.Ordinal);
            foreach (var stage in ShippedProcesses.Stages.Where(s => !called.Contains(s)))
                diagnostics.Add(Missing(process, stage, $"no call activity calls the stage '{stage}' (calledElement)"));
        }
        return diagnostics;
    }

    private static string? Problem(ProcessDefinition process, CatalogElement element) => element.Kind switch
    {
        CatalogElementKind.UserTask => process.NodesById.GetValueOrDefault(element.Id) switch
        {
            UserTask => null,
            null => $"it has no user task '{element.Id}'",
            var other => $"'{element.Id}' is a {other.ElementType}, not a userTask",
        },
        CatalogElementKind.MessageCatch => process.NodesById.Values.Any(n => CaughtMessage(n) == element.Id)
            ? null
            : $"no event catches the message named '{element.Id}'",
        _ => throw new ArgumentOutOfRangeException(nameof(element), element.Kind, null),
    };

    private static string? CaughtMessage(FlowNode node) => node switch
    {
        IntermediateCatchEvent { Definition: MessageEventDefinition m } => m.MessageName,
        BoundaryEvent { Definition: MessageEventDefinition m } => m.MessageName,
        StartEvent { Definition: MessageEventDefinition m } => m.MessageName,
        _ => null,
    };

    private static BpmnDiagnostic Missing(ProcessDefinition process, string elementId, string problem) =>
        new(MissingCatalogElement,
            $"The shipped process '{process.Id}' is changed where the application depends on it: {problem}. " +
            "Keep the ids, kinds and called stages of the shipped catalog (doc/tech-transfer.md, \"What the designer may change\").",
            elementId, process.Location);
}

using System.Globalization;
using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime.State;
using WorkflowHost.Localization;

namespace WorkflowHost.Application.Incidents;

/// <summary>
/// The open incidents placed where people look for them: each with its case number (the business key of its instance, or
/// of the instance that called it), the root instance of its case, and its step's name in the reader's language. A failure
/// in a called sub-process thereby shows on the process that called it, on the dashboard by case number, in the
/// technology manager's inbox and in the inventor's file.
/// </summary>
public sealed class CaseIncidents(IWorkflowQueries queries)
{
    /// <summary>An open incident and where it sits; <see cref="Summary"/> says in words what it means for the case (and, where the
    /// handler's fault has a code, why), never the handler's own message.</summary>
    public sealed record Located(Incident Incident, ProcessInstance Instance, IReadOnlyList<Guid> Ancestors, string? CaseNumber, Guid RootInstanceId,
        string StepName, string Summary);

    /// <summary>Every open incident, oldest first, with its case; step names in <paramref name="culture"/> (the UI culture when null).</summary>
    public async Task<List<Located>> OpenAsync(string? culture = null, CancellationToken ct = default)
    {
        culture ??= CultureInfo.CurrentUICulture.Name;
        var located = new List<Located>();
        var instances = new Dictionary<Guid, ProcessInstance?>();
        async Task<ProcessInstance?> Instance(Guid id)
        {
            if (!instances.TryGetValue(id, out var found)) instances[id] = found = await queries.GetInstanceAsync(id, ct);
            return found;
        }
        foreach (var incident in await queries.GetOpenIncidentsAsync(null, ct))
        {
            if (await Instance(incident.InstanceId) is not { } instance) continue;
            var ancestors = new List<Guid>();
            var caseNumber = instance.BusinessKey;
            var root = instance;
            while (root.ParentInstanceId is { } parentId && await Instance(parentId) is { } parent && !ancestors.Contains(parentId))
            {
                ancestors.Add(parentId);
                caseNumber ??= parent.BusinessKey;
                root = parent;
            }
            var model = await queries.GetProcessModelAsync(instance.DefinitionId, ct);
            var node = model.NodesById.GetValueOrDefault(incident.ElementId);
            var step = node?.LocalizedNames.Pick(node.Name, culture) ?? incident.ElementId;
            var summary = ProblemMessages.Sentence("Incident_Summary", step);
            if (await CauseAsync(incident, ct) is { } cause) summary += " " + ProblemMessages.Sentence("Incident_Cause", cause);
            located.Add(new Located(incident, instance, ancestors, caseNumber, root.Id, step, summary));
        }
        return located.OrderBy(l => l.Incident.CreatedAt).ToList();
    }

    /// <summary>Why the step failed, in the reader's language, when the handler's fault had a code (kept in the incident's history
    /// entry): "流程缺少“价格”。". Null for an uncoded fault.</summary>
    private async Task<string?> CauseAsync(Incident incident, CancellationToken ct)
    {
        var id = incident.Id.ToString();
        var raised = (await queries.GetHistoryAsync(incident.InstanceId, ct))
            .LastOrDefault(h => h.Event == HistoryEventType.IncidentRaised && h.Data is { } d && d.Contains(id, StringComparison.Ordinal));
        if (raised?.Data is null || JsonNode.Parse(raised.Data) is not JsonObject data || data["code"]?.GetValue<string>() is not { } code) return null;
        var sentence = ProblemMessages.Resources.GetString($"Incident_{code}", CultureInfo.CurrentUICulture);
        if (sentence is null) return null;
        var arguments = (data["arguments"] as JsonArray ?? new JsonArray()).Select(a => (object)ProblemMessages.Label(a?.GetValue<string>() ?? "")).ToArray();
        return string.Format(CultureInfo.CurrentCulture, sentence, arguments);
    }

    /// <summary>The open incidents of a case (its own processes and those they called).</summary>
    public async Task<List<Located>> OfCaseAsync(string caseNumber, string? culture = null, CancellationToken ct = default) =>
        (await OpenAsync(culture, ct)).Where(l => l.CaseNumber == caseNumber).ToList();

    /// <summary>The open incidents of an instance and of every instance it called, directly or not.</summary>
    public async Task<List<Located>> OfInstanceTreeAsync(Guid instanceId, string? culture = null, CancellationToken ct = default) =>
        (await OpenAsync(culture, ct)).Where(l => l.Instance.Id == instanceId || l.Ancestors.Contains(instanceId)).ToList();
}

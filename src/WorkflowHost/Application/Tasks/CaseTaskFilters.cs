using TechTransfer;
using TechTransfer.Inventions;
using Workflows.Engine.Runtime;

namespace WorkflowHost.Application.Tasks;

/// <summary>
/// The office's filters on a list of tasks, the same for <c>GET /api/v1/tasks</c> and the inbox: the case's stage (its
/// status), its college and "case number or title contains". Stage, college and title are the case's, not the engine's:
/// the domain names the cases the reader may see (<see cref="CaseDirectory"/>) and the engine's query narrows to them.
/// </summary>
public sealed class CaseTaskFilters(CaseDirectory cases)
{
    public async Task<TaskQuery> NarrowAsync(ActingUser reader, TaskQuery query, InventionStatus? stage, string? college, string? search, CancellationToken ct)
    {
        if (stage is not null || !string.IsNullOrWhiteSpace(college))
            query = query with { BusinessKeyIn = await cases.CaseNumbersAsync(reader, new CaseFilter(stage, Blank(college)), ct) };
        if (Blank(search) is { } text)
            query = query with { BusinessKeyContains = text, BusinessKeyContainsOrIn = await cases.CaseNumbersAsync(reader, new CaseFilter(Text: text), ct) };
        return query;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

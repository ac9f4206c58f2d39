using System.Security.Claims;
using System.Text.Json.Nodes;
using TechTransfer.Inventions;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime.State;
using WorkflowHost.Security;

namespace WorkflowHost.Application;

/// <summary>
/// The domain's one rule for who may see a case's data (<see cref="InventionService.MaySeeCaseAsync"/>), applied to the
/// engine's views of the case's instances: the REST API (<c>/instances/{id}</c>, <c>/variables</c>, <c>/history</c>, a task's
/// variables) and the operations pages. An instance belongs to a case when its business key, or its root instance's, is a
/// case number. Whoever may not see the case still sees the instance's shape (where it is, its journal of events and who
/// acted, its incidents), never its data: a workflow administrator keeps the process running without reading the file.
/// </summary>
public sealed class CaseDataAccess(InventionService inventions, IWorkflowQueries queries)
{
    public async Task<bool> MaySeeDataAsync(ClaimsPrincipal user, ProcessInstance instance, CancellationToken ct)
    {
        var key = instance.BusinessKey;
        if (key is null && instance.RootInstanceId is { } root) key = (await queries.GetInstanceAsync(root, ct))?.BusinessKey;
        if (key is null) return true;
        // No case of that number: the instance is the engine's alone, and its views' policy decides.
        return await inventions.MaySeeCaseAsync(user.ToActingUser(), key, ct) ?? true;
    }

    /// <summary>The instance's variables for this user: all of them, or an empty object when the case's data is withheld.</summary>
    public async Task<(JsonObject Variables, bool Withheld)> VariablesAsync(ClaimsPrincipal user, ProcessInstance instance, CancellationToken ct) =>
        await MaySeeDataAsync(user, instance, ct) ? ((JsonObject)instance.State.Variables.DeepClone(), false) : (new JsonObject(), true);

    public const string WithheldDetail =
        "This instance belongs to a case whose data only its inventors, the technology-transfer office and the committee reviewing it may see.";
}

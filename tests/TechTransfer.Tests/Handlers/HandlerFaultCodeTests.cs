using System.Text.Json.Nodes;
using TechTransfer.Handlers;
using Workflows.Engine.Contracts;
using Workflows.Persistence;
using static TechTransfer.Tests.DomainHarness;

namespace TechTransfer.Tests.Handlers;

/// <summary>
/// A handler's faults carry a code and the variable they are about, so that the incident reads in the reader's language
/// ("流程缺少“成果”") instead of the handler's English; the English message stays for the workflow administrators.
/// </summary>
public sealed class HandlerFaultCodeTests
{
    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task A_missing_or_wrong_variable_and_a_missing_record_are_coded_faults(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var handler = h.Get<IEnumerable<IServiceTaskHandler>>().OfType<CheckDisclosureHandler>().Single();
        Task<JsonObject?> Run(JsonObject variables) => handler.ExecuteAsync(new ServiceTaskContext(Guid.NewGuid(), "disclosure", "INV-1", "Task_Check",
            variables, new Dictionary<string, string>(), 1), CancellationToken.None);

        var missing = await Assert.ThrowsAsync<ServiceTaskFailedException>(() => Run(new JsonObject()));
        Assert.Equal((DomainHandler.MissingVariable, "inventionId"), (missing.Code, Assert.Single(missing.Arguments)));
        Assert.Contains("the variable 'inventionId' (an id) is missing", missing.Message);

        var wrong = await Assert.ThrowsAsync<ServiceTaskFailedException>(() => Run(new JsonObject { ["inventionId"] = new JsonArray() }));
        Assert.Equal((DomainHandler.WrongVariable, "inventionId"), (wrong.Code, Assert.Single(wrong.Arguments)));

        var unknown = await Assert.ThrowsAsync<ServiceTaskFailedException>(() => Run(new JsonObject { ["inventionId"] = Guid.NewGuid().ToString() }));
        Assert.Equal(DomainHandler.RecordNotFound, unknown.Code);
    }
}

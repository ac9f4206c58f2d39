using System.Net;
using Workflows.Persistence;
using static WorkflowHost.Tests.Api.DomainApiHost;

namespace WorkflowHost.Tests.Api;

/// <summary>
/// The endpoints the inventor portal added: the narrow people lookup for naming co-inventors, and a case's progress on
/// its diagrams, which an inventor reads for their own case only (the engine's instance views stay closed to them).
/// </summary>
public sealed class InventorPortalApiTests
{
    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task Signed_in_users_find_inventors_by_name_and_get_only_id_and_display_name(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);

        var found = await OkAsync(host.Alice, HttpMethod.Get, "/api/v1/people?role=inventor&q=BO");
        var person = Assert.Single(found.EnumerateArray());
        Assert.Equal(host.BobUser.Id, person.GetProperty("id").GetString());
        Assert.Equal("bob", person.GetProperty("displayName").GetString());
        Assert.Equal(["displayName", "id"], person.EnumerateObject().Select(p => p.Name).Order().ToArray()); // no email, no roles

        // Without a search text: every inventor (at most 20), never a manager or a committee member.
        var all = (await OkAsync(host.Manager, HttpMethod.Get, "/api/v1/people?role=inventor")).EnumerateArray()
            .Select(p => p.GetProperty("displayName").GetString()).ToList();
        Assert.Equal(["alice", "bob", "carol"], all);

        // An inventor may look up inventors only; the office's picker and the full user list are not theirs.
        await ExpectAsync(HttpStatusCode.Forbidden, host.Alice, HttpMethod.Get, "/api/v1/people?role=technology-manager");
        await ExpectAsync(HttpStatusCode.Forbidden, host.Alice, HttpMethod.Get, "/api/v1/people?q=bob");
        var unknownRole = await ExpectAsync(HttpStatusCode.BadRequest, host.Alice, HttpMethod.Get, "/api/v1/people?role=astronaut");
        Assert.True(unknownRole.GetProperty("errors").TryGetProperty("role", out _));
        await ExpectAsync(HttpStatusCode.Forbidden, host.Alice, HttpMethod.Get, "/api/v1/users");
        using var anonymous = host.Host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/people?role=inventor")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task An_inventor_reads_where_their_own_case_is_on_its_diagrams_and_nobody_elses(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var id = await host.SubmitInventionAsync();

        var progress = await OkAsync(host.Bob, HttpMethod.Get, $"/api/v1/inventions/{id}/progress");
        var diagrams = progress.GetProperty("diagrams").EnumerateArray().ToList();
        var main = diagrams[0];
        Assert.Equal("invention-transfer", main.GetProperty("processId").GetString());
        Assert.Contains("Call_Disclosure", main.GetProperty("active").EnumerateArray().Select(e => e.GetString()));
        var stage = diagrams.Single(d => d.GetProperty("processId").GetString() == "disclosure");
        Assert.Equal(main.GetProperty("instanceId").GetGuid(), stage.GetProperty("calledBy").GetGuid());
        Assert.Contains("Task_Screen", stage.GetProperty("active").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("Task_Screen", stage.GetProperty("done").EnumerateArray().Select(e => e.GetString()));
        Assert.NotEmpty(stage.GetProperty("done").EnumerateArray()); // the start event and the automatic check

        // The diagram it is drawn on is readable by any signed-in user.
        var bpmn = await host.Bob.GetAsync($"/api/v1/definitions/disclosure/versions/{stage.GetProperty("version").GetInt32()}/bpmn");
        Assert.Equal(HttpStatusCode.OK, bpmn.StatusCode);

        // Another inventor learns nothing; the engine's own views stay closed to inventors.
        await ExpectAsync(HttpStatusCode.NotFound, host.Carol, HttpMethod.Get, $"/api/v1/inventions/{id}/progress");
        await ExpectAsync(HttpStatusCode.Forbidden, host.Bob, HttpMethod.Get, $"/api/v1/instances/{main.GetProperty("instanceId").GetGuid()}");
        await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/progress");

        // The file's timeline carries each decision's facts.
        var detail = await OkAsync(host.Bob, HttpMethod.Get, $"/api/v1/inventions/{id}");
        var submitted = detail.GetProperty("timeline").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "disclosure.submitted");
        Assert.Equal(System.Text.Json.JsonValueKind.Object, submitted.GetProperty("facts").ValueKind);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task Inventors_see_the_committees_outcome_and_tally_on_their_file_but_not_the_members_ballots(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var id = await host.InventionReadyForTransferAsync();
        var review = await host.PrepareAsync(id, new
        {
            pricingMethod = "listing", reviewSubject = "Licence by listing", basePrice = 100000, valuation = 120000, valuationBasis = "Income approach",
        });
        await host.ApproveAsync(review);

        static System.Text.Json.JsonElement Closed(System.Text.Json.JsonElement detail) =>
            detail.GetProperty("timeline").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "committee.closed").GetProperty("facts");
        var inventors = Closed(await OkAsync(host.Alice, HttpMethod.Get, $"/api/v1/inventions/{id}"));
        Assert.Equal("approved", inventors.GetProperty("outcome").GetString());
        Assert.Equal(3, inventors.GetProperty("approvals").GetInt32());
        foreach (var hidden in new[] { "votes", "recused", "attendance", "minutes", "reviewId" })
            Assert.False(inventors.TryGetProperty(hidden, out _), hidden + " must stay with the office and the committee");
        // The assessment's decision and its reasons are on the inventors' file too.
        var assessment = (await OkAsync(host.Alice, HttpMethod.Get, $"/api/v1/inventions/{id}")).GetProperty("timeline").EnumerateArray()
            .Single(e => e.GetProperty("action").GetString() == "assessment.decided").GetProperty("facts");
        Assert.Equal("file", assessment.GetProperty("outcome").GetString());

        var office = Closed(await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}"));
        Assert.Equal(3, office.GetProperty("votes").GetArrayLength());
    }
}

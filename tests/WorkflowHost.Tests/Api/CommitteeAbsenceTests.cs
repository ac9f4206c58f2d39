using System.Net;
using System.Text.Json;
using Workflows.Persistence;
using static WorkflowHost.Tests.Api.DomainApiHost;

namespace WorkflowHost.Tests.Api;

/// <summary>
/// The stuck chair: a member never voted and the chair could neither see who was missing nor close until the
/// deadline. Now the chair sees who has not voted, records the absence (in the evidence), the absent member's vote step ends,
/// and the chair closes at once; the quorum counts the votes cast, as before.
/// </summary>
public sealed class CommitteeAbsenceTests
{
    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task The_chair_sees_who_has_not_voted_records_an_absence_and_closes_without_waiting_for_the_deadline(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var id = await host.InventionReadyForTransferAsync();
        var review = await host.PrepareAsync(id, new
        {
            pricingMethod = "listing", reviewSubject = "Licence by listing", basePrice = 100000, valuationBasis = "Income approach",
        });
        await OkAsync(host.Member1, HttpMethod.Post, $"/api/v1/reviews/{review}/vote", new { vote = "approve", reason = "Sound file." });
        await OkAsync(host.Chair, HttpMethod.Post, $"/api/v1/reviews/{review}/vote", new { vote = "approve", reason = "Agreed." });

        // The chair (and the office) see who is missing; a member does not.
        var seen = await OkAsync(host.Chair, HttpMethod.Get, $"/api/v1/reviews/{review}");
        Assert.Equal([host.Member2User.Id], seen.GetProperty("notVoted").EnumerateArray().Select(m => m.GetString()));
        var asMember = await OkAsync(host.Member1, HttpMethod.Get, $"/api/v1/reviews/{review}");
        Assert.True(!asMember.TryGetProperty("notVoted", out var hidden) || hidden.ValueKind == JsonValueKind.Null, asMember.ToString());

        // Only the chair records an absence; not of a member who voted; a member must be named.
        await ExpectAsync(HttpStatusCode.Forbidden, host.Member1, HttpMethod.Post, $"/api/v1/reviews/{review}/absences", new { memberId = host.Member2User.Id });
        var voted = await ExpectAsync(HttpStatusCode.Conflict, host.Chair, HttpMethod.Post, $"/api/v1/reviews/{review}/absences", new { memberId = host.Member1User.Id });
        Assert.Equal("already-voted", voted.GetProperty("code").GetString());
        var nobody = await ExpectAsync(HttpStatusCode.BadRequest, host.Chair, HttpMethod.Post, $"/api/v1/reviews/{review}/absences", new { note = "?" });
        Assert.True(nobody.GetProperty("errors").TryGetProperty("memberId", out _), nobody.ToString());

        var recorded = await OkAsync(host.Chair, HttpMethod.Post, $"/api/v1/reviews/{review}/absences",
            new { memberId = host.Member2User.Id, note = "Abroad, did not answer." });
        Assert.Equal([host.Member2User.Id], recorded.GetProperty("absent").EnumerateArray().Select(m => m.GetString()));
        Assert.Empty(recorded.GetProperty("notVoted").EnumerateArray());
        Assert.False(await host.StepOpenAsync(id, "Task_Vote"));
        var late = await ExpectAsync(HttpStatusCode.Conflict, host.Member2, HttpMethod.Post, $"/api/v1/reviews/{review}/vote", new { vote = "reject", reason = "Late." });
        Assert.Equal("recorded-absent", late.GetProperty("code").GetString());

        // No waiting for the deadline: the close is open now; two votes of a quorum of three make no quorum, as before.
        await host.WaitForStepAsync(id, "Task_Close");
        var closed = await OkAsync(host.Chair, HttpMethod.Post, $"/api/v1/reviews/{review}/close",
            new { minutes = "Member 2 absent.", attendance = new[] { host.ChairUser.Id, host.Member1User.Id } });
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal("no-quorum", closed.GetProperty("outcome").GetString());

        var actions = await host.EvidenceActionsAsync(id);
        Assert.Contains("committee.absence-recorded", actions);
        var entries = (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence")).EnumerateArray().ToList();
        var absence = JsonDocument.Parse(entries.Single(e => e.GetProperty("action").GetString() == "committee.absence-recorded")
            .GetProperty("payload").GetString()!).RootElement;
        Assert.Equal(host.Member2User.Id, absence.GetProperty("member").GetString());
        Assert.Equal("Abroad, did not answer.", absence.GetProperty("note").GetString());
        var close = JsonDocument.Parse(entries.Last(e => e.GetProperty("action").GetString() == "committee.closed").GetProperty("payload").GetString()!).RootElement;
        Assert.Equal([host.Member2User.Id], close.GetProperty("absent").EnumerateArray().Select(m => m.GetString()));
    }
}

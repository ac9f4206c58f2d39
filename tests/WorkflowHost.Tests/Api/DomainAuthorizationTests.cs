using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Workflows.Persistence;
using static WorkflowHost.Tests.Api.DomainApiHost;

namespace WorkflowHost.Tests.Api;

/// <summary>
/// Every forbidden action for every role answers 403, or 404 where the thing's existence is private (another inventor's
/// invention, a review one does not sit on), and changes nothing; and the committee's confidentiality rules hold.
/// </summary>
public sealed class DomainAuthorizationTests
{
    private sealed record Case(string Who, HttpMethod Method, string Path, Func<object?> Body, HttpStatusCode Expected);

    private static IEnumerable<Case> Cases(DomainApiHost host, Guid id)
    {
        var stranger = Guid.NewGuid();
        var draft = () => host.Draft("Renamed");
        Func<object?> none = () => null;
        Func<object?> file = () =>
        {
            var form = new MultipartFormDataContent();
            var bytes = new ByteArrayContent(Encoding.UTF8.GetBytes("notes"));
            bytes.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            form.Add(bytes, "file", "notes.txt");
            return form;
        };
        var screen = () => (object?)new { decision = "accept" };
        var scores = () => (object?)new { technicalValue = 5, marketProspects = 4, legalStrength = 4, draftQuality = 3, strategicFit = 4, assessmentOutcome = "file" };
        var sign = () => (object?)new { agreementKind = "exclusive-licence", counterparty = "X", consideration = 1, effectiveDate = "2026-12-01" };
        var income = () => (object?)new { income = 1000, costs = 0, taxes = 0 };

        // An inventor who is not on the invention learns nothing of it.
        foreach (var (method, path, body) in new (HttpMethod, string, Func<object?>)[]
                 {
                     (HttpMethod.Get, $"/api/v1/inventions/{id}", none), (HttpMethod.Put, $"/api/v1/inventions/{id}", draft),
                     (HttpMethod.Post, $"/api/v1/inventions/{id}/submit", none), (HttpMethod.Post, $"/api/v1/inventions/{id}/answer", () => new { answer = "x" }),
                     (HttpMethod.Post, $"/api/v1/inventions/{id}/attachments", file), (HttpMethod.Get, $"/api/v1/inventions/{id}/attachments", none),
                     (HttpMethod.Get, $"/api/v1/inventions/{id}/revenue", none), (HttpMethod.Get, $"/api/v1/inventions/{id}/reviews", none),
                 })
            yield return new Case("carol", method, path, body, HttpStatusCode.NotFound);

        // The office's actions, for everyone who is not the office (inventors on it, committee, system administrator).
        var officeOnly = new (HttpMethod, string, Func<object?>)[]
        {
            (HttpMethod.Post, $"/api/v1/inventions/{id}/screening", screen), (HttpMethod.Post, $"/api/v1/inventions/{id}/assessment", scores),
            (HttpMethod.Post, $"/api/v1/inventions/{id}/patent-application", () => new { applicationNumber = "CN1", filingDate = "2026-01-01" }),
            (HttpMethod.Post, $"/api/v1/inventions/{id}/transfer-file", () => new { pricingMethod = "listing", reviewSubject = "x", valuationBasis = "x", basePrice = 1 }),
            (HttpMethod.Get, $"/api/v1/inventions/{id}/evidence", none), (HttpMethod.Get, $"/api/v1/inventions/{id}/evidence/verification", none),
            (HttpMethod.Post, $"/api/v1/inventions/{id}/agreement", sign), (HttpMethod.Get, $"/api/v1/inventions/{id}/agreements", none),
            (HttpMethod.Post, $"/api/v1/inventions/{id}/income", income),
            (HttpMethod.Post, $"/api/v1/inventions/{id}/grant", () => new { patentNumber = "ZL1", grantDate = "2026-01-01" }),
            (HttpMethod.Post, $"/api/v1/inventions/{id}/open-licence-declarations", () => new { feeMethod = "lump-sum", lumpSum = 1, licenceTermMonths = 12 }),
            (HttpMethod.Post, $"/api/v1/open-licence-declarations/{stranger}/licences", () => new { licensee = "X", notifiedOn = "2026-01-01", amountPaid = 1 }),
            (HttpMethod.Post, $"/api/v1/open-licence-declarations/{stranger}/withdrawal", () => new { reason = "x" }),
            (HttpMethod.Post, $"/api/v1/pricing/{stranger}/interest", () => new { party = "X" }),
            (HttpMethod.Post, $"/api/v1/pricing/{stranger}/bids", () => new { bidder = "X", amount = 1 }),
            (HttpMethod.Post, $"/api/v1/pricing/{stranger}/negotiated-price", () => new { negotiatedPrice = 1 }),
            (HttpMethod.Post, $"/api/v1/pricing/{stranger}/objections/{stranger}/resolve", () => new { upheld = false, resolution = "x" }),
            (HttpMethod.Post, $"/api/v1/filings/{stranger}/submission", () => new { submittedOn = "2026-01-01", filingReference = "x" }),
            (HttpMethod.Post, $"/api/v1/filings/{stranger}/decision", () => new { filingAccepted = true, decidedOn = "2026-01-01" }),
        };
        foreach (var who in new[] { "alice", "bob", "member1", "chair", "admin" })
        foreach (var (method, path, body) in officeOnly)
            yield return new Case(who, method, path, body, HttpStatusCode.Forbidden);

        // The office and the committee see pricing; an inventor does not.
        yield return new Case("alice", HttpMethod.Get, $"/api/v1/inventions/{id}/pricing", none, HttpStatusCode.Forbidden);
        // A review one does not sit on does not exist for them.
        foreach (var who in new[] { "alice", "manager", "member1" })
        {
            yield return new Case(who, HttpMethod.Post, $"/api/v1/reviews/{stranger}/vote", () => new { vote = "approve", reason = "x" }, HttpStatusCode.NotFound);
            yield return new Case(who, HttpMethod.Post, $"/api/v1/reviews/{stranger}/close", () => new { minutes = "x", attendance = new[] { "x" } }, HttpStatusCode.NotFound);
        }
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task Every_forbidden_action_for_every_role_is_refused_and_changes_nothing(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var id = await host.SubmitInventionAsync();
        var clients = new Dictionary<string, HttpClient>
        {
            ["alice"] = host.Alice, ["bob"] = host.Bob, ["carol"] = host.Carol, ["manager"] = host.Manager, ["member1"] = host.Member1,
            ["chair"] = host.Chair, ["admin"] = host.Admin,
        };
        var before = await SnapshotAsync(host, id);

        var wrong = new List<string>();
        foreach (var c in Cases(host, id))
        {
            var (status, body) = await SendAsync(clients[c.Who], c.Method, c.Path, c.Body());
            if (status != c.Expected) wrong.Add($"{c.Who} {c.Method} {c.Path}: {(int)status} {body}, expected {(int)c.Expected}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(host.Host.CreateClient(), HttpMethod.Get, "/api/v1/inventions")).Status);

        Assert.Equal(before, await SnapshotAsync(host, id));
        Assert.True(await host.StepOpenAsync(id, "Task_Screen"));
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task A_recused_member_cannot_vote_nobody_sees_votes_before_the_close_and_only_the_chair_closes(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var id = await host.InventionReadyForTransferAsync();
        var review = await host.PrepareAsync(id, new
        {
            pricingMethod = "listing", reviewSubject = "Licence by listing", basePrice = 100000, valuationBasis = "Income approach",
        });

        await OkAsync(host.Member1, HttpMethod.Post, $"/api/v1/reviews/{review}/conflict", new { statement = "My brother works for a bidder." });
        var (status, _) = await SendAsync(host.Member1, HttpMethod.Post, $"/api/v1/reviews/{review}/vote", new { vote = "approve", reason = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        await OkAsync(host.Member2, HttpMethod.Post, $"/api/v1/reviews/{review}/vote", new { vote = "reject", reason = "Too early." });
        foreach (var reader in new[] { host.Member1, host.Member2, host.Chair, host.Manager })
            Assert.Equal(JsonValueKind.Null, (await OkAsync(reader, HttpMethod.Get, $"/api/v1/reviews/{review}")).GetProperty("votes").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await OkAsync(host.Member1, HttpMethod.Get, $"/api/v1/reviews/{review}")).GetProperty("myVote").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(host.Alice, HttpMethod.Get, $"/api/v1/reviews/{review}")).Status);

        await OkAsync(host.Chair, HttpMethod.Post, $"/api/v1/reviews/{review}/vote", new { vote = "approve", reason = "Fine." });
        await WaitForAsync("the chair's close task", async () => (await OkAsync(host.Chair, HttpMethod.Get, "/api/v1/tasks"))
            .GetProperty("items").EnumerateArray().Any(t => t.GetProperty("elementId").GetString() == "Task_Close"));
        var close = new { minutes = "Two votes, one recusal.", attendance = new[] { host.ChairUser.Id, host.Member2User.Id } };
        foreach (var other in new[] { host.Member2, host.Manager, host.Head })
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(other, HttpMethod.Post, $"/api/v1/reviews/{review}/close", close)).Status);
        var closed = await OkAsync(host.Chair, HttpMethod.Post, $"/api/v1/reviews/{review}/close", close);
        Assert.Equal("no-quorum", closed.GetProperty("outcome").GetString()); // two votes cast, quorum three
        Assert.Equal(2, closed.GetProperty("votes").GetArrayLength());
        Assert.Equal(new[] { host.Member1User.Id }, closed.GetProperty("recused").EnumerateArray().Select(r => r.GetString()!).ToArray());
    }

    private static async Task<string> SnapshotAsync(DomainApiHost host, Guid id)
    {
        var invention = (await host.InventionAsync(id)).GetProperty("invention");
        var evidence = await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence");
        var attachments = await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/attachments");
        var pricing = await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/pricing");
        return $"{invention.GetProperty("version")} {invention.GetProperty("status")} {invention.GetProperty("title")} " +
               $"evidence={evidence.GetArrayLength()} attachments={attachments.GetArrayLength()} pricing={pricing.GetArrayLength()}";
    }
}

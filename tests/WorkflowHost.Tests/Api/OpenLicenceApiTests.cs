using System.Net;
using Workflows.Persistence;
using static WorkflowHost.Tests.Api.DomainApiHost;

namespace WorkflowHost.Tests.Api;

/// <summary>
/// A patent granted after its application was filed, then openly licensed by its own path, over HTTP: the grant is
/// recorded when it happens; the declaration needs the grant and states its fee and term; it is in force once
/// published; each party that notifies and pays takes an ordinary licence at the declared terms, filed for recordal
/// like any licence; a withdrawal stops new licences. Refusals are problem details naming the field.
/// </summary>
public sealed class OpenLicenceApiTests
{
    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task A_patent_granted_after_filing_is_declared_published_and_openly_licensed_to_whoever_notifies_and_pays(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var id = await host.InventionReadyForTransferAsync(granted: false);
        var declarations = $"/api/v1/inventions/{id}/open-licence-declarations";
        var terms = new { feeMethod = "lump-sum-and-royalty", lumpSum = 50000, royaltyRate = 3, royaltyBase = "net sales of licensed products", licenceTermMonths = 36 };

        await ProblemAsync(HttpStatusCode.Conflict, host.Manager, declarations, terms, "not-granted", "inventionId");
        await ProblemAsync(HttpStatusCode.BadRequest, host.Manager, $"/api/v1/inventions/{id}/grant", new { patentNumber = "ZL202610123456.7", grantDate = "07/12/2026" }, "validation", "grantDate");
        await ExpectAsync(HttpStatusCode.Forbidden, host.Alice, HttpMethod.Post, $"/api/v1/inventions/{id}/grant", new { patentNumber = "ZL202610123456.7", grantDate = host.Today });
        var granted = await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/grant", new { patentNumber = "ZL202610123456.7", grantDate = host.Today });
        Assert.Equal(("ZL202610123456.7", host.Today), (granted.GetProperty("patentNumber").GetString(), granted.GetProperty("grantDate").GetString()));
        await ProblemAsync(HttpStatusCode.Conflict, host.Manager, $"/api/v1/inventions/{id}/grant", new { patentNumber = "ZL999", grantDate = host.Today }, "already-granted", "patentNumber");

        await ProblemAsync(HttpStatusCode.BadRequest, host.Manager, declarations, new { feeMethod = "royalty", royaltyRate = 3, licenceTermMonths = 36 }, "required", "royaltyBase");
        await ProblemAsync(HttpStatusCode.BadRequest, host.Manager, declarations, new { feeMethod = "free", licenceTermMonths = 36 }, "invalid-value", "feeMethod");
        await ProblemAsync(HttpStatusCode.BadRequest, host.Manager, declarations, new { feeMethod = "lump-sum", lumpSum = 50000 }, "required", "licenceTermMonths");
        var declared = await ExpectAsync(HttpStatusCode.Created, host.Manager, HttpMethod.Post, declarations, terms);
        var declaration = declared.GetProperty("declaration").GetProperty("id").GetGuid();
        Assert.Equal("lump sum 50000.00 yuan + royalty 3% of net sales of licensed products", declared.GetProperty("fee").GetString());
        await ProblemAsync(HttpStatusCode.Conflict, host.Manager, declarations, terms, "declaration-in-force", "inventionId");

        var licences = $"/api/v1/open-licence-declarations/{declaration}/licences";
        var notice = new { licensee = "Hangzhou Sensors Co.", notifiedOn = host.Today, amountPaid = 50000, paidOn = host.Today, paymentReference = "BANK-001" };
        await ProblemAsync(HttpStatusCode.Conflict, host.Manager, licences, notice, "declaration-not-in-force", "declarationId");
        var published = await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/open-licence-declarations/{declaration}/publication",
            new { publishedOn = host.Today, reference = "CNIPA open-licence announcement 2026-49" });
        Assert.True(published.GetProperty("inForce").GetBoolean());

        await ProblemAsync(HttpStatusCode.BadRequest, host.Manager, licences, new { licensee = "Cheap Co.", notifiedOn = host.Today, amountPaid = 1, paidOn = host.Today },
            "below-declared-fee", "amountPaid");
        var licence = await ExpectAsync(HttpStatusCode.Created, host.Manager, HttpMethod.Post, licences, notice);
        Assert.Equal(("open-licence", "Hangzhou Sensors Co.", 50000m, declaration.ToString()),
            (licence.GetProperty("kind").GetString(), licence.GetProperty("counterparty").GetString(), licence.GetProperty("consideration").GetDecimal(),
                licence.GetProperty("declarationId").GetString()));
        Assert.Equal(DateOnly.Parse(host.Today).AddMonths(36).AddDays(-1).ToString("yyyy-MM-dd"), licence.GetProperty("termEnd").GetString());
        await ProblemAsync(HttpStatusCode.Conflict, host.Manager, licences, notice, "already-licensed", "licensee");

        // Its recordal is filed and decided like any licence's, though no process carries it.
        var filing = (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/agreements/{licence.GetProperty("id").GetGuid()}/filings"))[0];
        Assert.Equal(DateOnly.Parse(host.Today).AddMonths(3).ToString("yyyy-MM-dd"), filing.GetProperty("dueDate").GetString());
        var filingId = filing.GetProperty("id").GetGuid();
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/filings/{filingId}/submission", new { submittedOn = host.Today, filingReference = "LR-OPEN-1" });
        var decided = await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/filings/{filingId}/decision", new { filingAccepted = true, decidedOn = host.Today });
        Assert.Equal("accepted", decided.GetProperty("status").GetString());

        await ProblemAsync(HttpStatusCode.BadRequest, host.Manager, $"/api/v1/open-licence-declarations/{declaration}/withdrawal", new { }, "required", "reason");
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/open-licence-declarations/{declaration}/withdrawal", new { reason = "Licensing by listing from now on." });
        await ProblemAsync(HttpStatusCode.Conflict, host.Manager, licences, notice with { licensee = "Late Co." }, "declaration-not-in-force", "declarationId");

        var view = (await OkAsync(host.Manager, HttpMethod.Get, declarations))[0];
        Assert.Equal(("withdrawn", false, 1), (view.GetProperty("declaration").GetProperty("status").GetString(), view.GetProperty("inForce").GetBoolean(),
            view.GetProperty("licences").GetArrayLength()));
        Assert.Equal("in-force", view.GetProperty("licences")[0].GetProperty("status").GetString());
        Assert.Superset(new HashSet<string> { "patent.granted", "open-licence.declared", "open-licence.published", "open-licence.notified-and-paid", "agreement.signed",
            "filing.submitted", "filing.decided", "open-licence.withdrawn" }, (await host.EvidenceActionsAsync(id)).ToHashSet());
        Assert.True((await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence/verification")).GetProperty("intact").GetBoolean());
    }

    private static async Task ProblemAsync(HttpStatusCode status, HttpClient client, string path, object body, string code, string field)
    {
        var problem = await ExpectAsync(status, client, HttpMethod.Post, path, body);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"{code} does not name {field}: {problem}");
    }
}

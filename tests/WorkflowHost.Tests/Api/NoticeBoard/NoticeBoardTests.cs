using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Workflows.Persistence;
using static WorkflowHost.Tests.Api.DomainApiHost;

namespace WorkflowHost.Tests.Api.NoticeBoard;

/// <summary>
/// The public notice board over the real HTTP stack, without signing in: a notice is on it from the moment it opens
/// (never a draft, never before), with what the rules require and nothing confidential; the Atom and JSON feeds carry
/// the same text and hash; anyone objects there with a name and a contact (rate-limited per address, refused once the
/// window has closed) and the office decides it in the process as any objection; the notice email goes out inside the
/// unit; and the evidence says what was on the board, where, from when to when, with the text's SHA-256.
/// </summary>
public sealed class NoticeBoardTests
{
    private static readonly object AgreementFile = new
    {
        pricingMethod = "agreement", reviewSubject = "Licence by agreement", price = 200000, counterparty = "Ningbo Optics Ltd.", relatedParty = true,
        transferMethod = "Exclusive licence", valuation = 180000, valuationBasis = "CONFIDENTIAL cost approach",
    };

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task A_notice_is_on_the_board_for_anyone_from_the_moment_it_opens_with_its_feeds_email_and_evidence(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var anyone = host.Host.From("203.0.113.10");
        var id = await host.InventionReadyForTransferAsync();
        var review = await host.PrepareAsync(id, AgreementFile);

        // The file is prepared and under review: nothing of the case is public yet.
        Assert.Equal(0, (await OkAsync(anyone, HttpMethod.Get, "/api/v1/board")).GetArrayLength());
        Assert.DoesNotContain("Low-loss", await PageAsync(anyone, "/board"));

        await host.ApproveAsync(review);
        var notice = await host.WaitForPricingAsync(id, "agreement", "open");
        var record = await host.PricingAsync(id, "agreement");

        using var response = await anyone.GetAsync("/api/v1/board");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age", response.Headers.CacheControl!.ToString());
        var entry = Assert.Single(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray());
        Assert.Equal((notice, "notice", true, "open"), (entry.GetProperty("id").GetGuid(), entry.GetProperty("kind").GetString(),
            entry.GetProperty("current").GetBoolean(), entry.GetProperty("status").GetString()));
        var text = entry.GetProperty("text").GetString()!;
        foreach (var required in new[]
                 {
                     "协议定价公示", "成果名称：Low-loss silicon photonic waveguide", "专利号：ZL202610123456.7", "成果简介：A waveguide geometry", "拟定价格：人民币 200,000.00 元",
                     "转化方式：Exclusive licence", "拟交易对象：Ningbo Optics Ltd.（系完成人或其关联方）", "公示期：", "异议方式：", $"http://localhost:5080/board/{notice}",
                     "Proposed price: 200,000.00 yuan", "Proposed counterparty: Ningbo Optics Ltd. (an inventor or a related party)", "How to object:",
                 })
            Assert.Contains(required, text);
        // The window in the institution's zone (Asia/Shanghai by default), to the minute.
        var ends = record.GetProperty("windowEndsAt").GetDateTimeOffset();
        Assert.Contains(TimeZoneInfo.ConvertTime(ends, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM-dd HH:mm"), text);
        Assert.Contains("Asia/Shanghai", text);
        Assert.DoesNotContain("CONFIDENTIAL", entry.ToString()); // the valuation and its basis stay inside
        Assert.DoesNotContain("180000", entry.ToString());
        Assert.Equal(Sha256(text), entry.GetProperty("sha256").GetString());

        // The pages, Chinese first and in English, without signing in.
        var board = await PageAsync(anyone, "/board");
        Assert.Contains("公示栏", board);
        Assert.Contains("Low-loss silicon photonic waveguide", board);
        Assert.Contains("Public notice board", await PageAsync(anyone, "/board?culture=en"));
        var page = await PageAsync(anyone, $"/board/{notice}");
        Assert.Contains(entry.GetProperty("sha256").GetString()!, page);
        Assert.Contains("提交异议", page);

        // The feeds: Atom and JSON Feed, stable ids, the same text and hash, cacheable (304 when unchanged).
        using var atomResponse = await anyone.GetAsync("/board/feed.atom");
        Assert.Equal("application/atom+xml", atomResponse.Content.Headers.ContentType!.MediaType);
        var atom = XDocument.Parse(await atomResponse.Content.ReadAsStringAsync());
        XNamespace a = "http://www.w3.org/2005/Atom";
        var atomEntry = Assert.Single(atom.Root!.Elements(a + "entry"));
        Assert.Equal($"urn:uuid:{notice}", atomEntry.Element(a + "id")!.Value);
        Assert.Equal(text, atomEntry.Element(a + "content")!.Value);
        Assert.Equal($"http://localhost:5080/board/{notice}", atomEntry.Element(a + "link")!.Attribute("href")!.Value);
        Assert.NotNull(atom.Root.Element(a + "updated"));
        var etag = atomResponse.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/board/feed.atom");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await anyone.SendAsync(again)).StatusCode);

        using var jsonResponse = await anyone.GetAsync("/board/feed.json");
        Assert.Equal("application/feed+json", jsonResponse.Content.Headers.ContentType!.MediaType);
        Assert.Contains("max-age", jsonResponse.Headers.CacheControl!.ToString());
        var feed = JsonDocument.Parse(await jsonResponse.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("https://jsonfeed.org/version/1.1", feed.GetProperty("version").GetString());
        var item = Assert.Single(feed.GetProperty("items").EnumerateArray());
        Assert.Equal(($"urn:uuid:{notice}", text, Sha256(text)), (item.GetProperty("id").GetString(), item.GetProperty("content_text").GetString(),
            item.GetProperty("_notice_board").GetProperty("sha256").GetString()));

        // The evidence: posted where, from when to when, with the text and its hash.
        var posted = await EvidenceAsync(host, id, "board.posted");
        Assert.Equal((text, Sha256(text), $"http://localhost:5080/board/{notice}"), (posted.GetProperty("text").GetString(), posted.GetProperty("sha256").GetString(),
            posted.GetProperty("where").GetString()));
        Assert.Equal(ends, posted.GetProperty("to").GetDateTimeOffset());

        // Published inside the unit: the notice email, with the text and the board's link, to the office (and the rest of the unit).
        var mail = Path.Combine(host.DataPath, "mail");
        MimeKit.MimeMessage? sent = null;
        await WaitForAsync("the notice email", () => Task.FromResult(Directory.Exists(mail) && (sent = Directory
            .EnumerateFiles(mail, "*.eml", SearchOption.AllDirectories).Select(f => MimeKit.MimeMessage.Load(f))
            .FirstOrDefault(m => (m.Subject ?? "").Contains("Low-loss silicon photonic waveguide") && m.To.Mailboxes.Any(x => x.Address == "manager@example.edu"))) is not null));
        Assert.Contains("拟交易对象：Ningbo Optics Ltd.", sent!.TextBody ?? "");
        Assert.Contains($"http://localhost:5080/board/{notice}", sent.TextBody ?? "");

        // The window ends: the notice leaves the current postings (stays among the past), and the evidence says until when.
        await host.PassWindowAsync(id, "agreement");
        await host.WaitForStepAsync(id, "Task_Sign");
        var past = Assert.Single((await OkAsync(anyone, HttpMethod.Get, "/api/v1/board")).EnumerateArray());
        Assert.Equal((false, "concluded"), (past.GetProperty("current").GetBoolean(), past.GetProperty("status").GetString()));
        var removed = await EvidenceAsync(host, id, "board.removed");
        Assert.Equal(ends, removed.GetProperty("until").GetDateTimeOffset());
        Assert.True((await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence/verification")).GetProperty("intact").GetBoolean());

        // What the board shows is checked against the sealed evidence: a notice rewritten afterwards (with its hash), or removed from the archive, is reported.
        var forged = text.Replace("200,000.00", "900,000.00");
        await host.Database.ExecuteAsync("UPDATE tt_board_postings SET text = @p0, sha256 = @p1", forged, Sha256(forged));
        await ExpectBrokenAsync(host, id, "shows a text other than");
        await host.Database.ExecuteAsync("DELETE FROM tt_board_postings");
        await ExpectBrokenAsync(host, id, "is no longer on the board");
    }

    private static async Task ExpectBrokenAsync(DomainApiHost host, Guid id, string problem)
    {
        var verification = await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence/verification");
        Assert.False(verification.GetProperty("intact").GetBoolean(), verification.ToString());
        Assert.Contains(problem, verification.ToString());
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task Anyone_objects_on_the_board_without_an_account_and_the_office_decides_it_in_the_process(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var id = await host.InventionReadyForTransferAsync();
        await host.ApproveAsync(await host.PrepareAsync(id, AgreementFile));
        var notice = await host.WaitForPricingAsync(id, "agreement", "open");
        var objections = $"/api/v1/board/{notice}/objections";
        var anyone = host.Host.From("203.0.113.20");

        // Bad input: problem details naming the field, nothing recorded.
        await ProblemAsync(anyone, objections, new { contact = "zhang@example.com", text = "Too low." }, HttpStatusCode.BadRequest, "name");
        await ProblemAsync(anyone, objections, new { name = "Zhang San", text = "Too low." }, HttpStatusCode.BadRequest, "contact");
        await ProblemAsync(anyone, objections, new { name = "Zhang San", contact = "zhang@example.com", text = " " }, HttpStatusCode.BadRequest, "text");
        await ProblemAsync(anyone, objections, new { name = "Zhang\nSan", contact = "zhang@example.com", text = "Too low." }, HttpStatusCode.BadRequest, "name");
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(anyone, HttpMethod.Post, $"/api/v1/board/{Guid.NewGuid()}/objections",
            new { name = "Zhang San", contact = "zhang@example.com", text = "Too low." })).Status);

        // (Those five refusals used up this address's budget: the objector writes from another.)
        var lodged = await ExpectAsync(HttpStatusCode.Created, host.Host.From("203.0.113.22"), HttpMethod.Post, objections,
            new { name = "Zhang San", contact = "zhang@example.com", text = "A 2025 market study values it higher." });
        var objectionId = lodged.GetProperty("id").GetGuid();

        // The office sees it in the process exactly as an objection from the API: the investigation step, the objector named.
        await host.WaitForStepAsync(id, "Task_Investigate");
        var view = await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/pricing/{notice}");
        var objection = Assert.Single(view.GetProperty("objections").EnumerateArray());
        Assert.Equal(("Zhang San", "zhang@example.com", "open"), (objection.GetProperty("objectorName").GetString(), objection.GetProperty("objectorContact").GetString(),
            objection.GetProperty("status").GetString()));
        var signing = new { agreementKind = "exclusive-licence", counterparty = "Ningbo Optics Ltd.", consideration = 200000, effectiveDate = host.Today };
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/agreement", signing)).Status);
        var lodgedEntry = await EvidenceAsync(host, id, "notice.objection-lodged");
        Assert.Equal(("Zhang San", "zhang@example.com"), (lodgedEntry.GetProperty("objector").GetString(), lodgedEntry.GetProperty("contact").GetString()));

        // Rate-limited per client address: the sixth submission within the hour is refused, another address is not; an hour later it is let through.
        var flood = host.Host.From("198.51.100.7");
        for (var i = 0; i < 5; i++) await ProblemAsync(flood, objections, new { name = "Spam" }, HttpStatusCode.BadRequest, "contact");
        using (var refused = await flood.PostAsync(objections, JsonContent(new { name = "Spam", contact = "x@example.com", text = "Spam." })))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Contains("objections", await refused.Content.ReadAsStringAsync());
        }
        await ProblemAsync(host.Host.From("198.51.100.8"), objections, new { name = "Li Si" }, HttpStatusCode.BadRequest, "contact");
        host.Host.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await ProblemAsync(flood, objections, new { name = "Spam" }, HttpStatusCode.BadRequest, "contact");

        // The office dismisses it; the window ends; an objection after it is refused.
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/pricing/{notice}/objections/{objectionId}/resolve",
            new { upheld = false, resolution = "The study was considered; the price stands." });
        await host.PassWindowAsync(id, "agreement");
        await host.WaitForStepAsync(id, "Task_Sign");
        await ProblemAsync(host.Host.From("203.0.113.21"), objections, new { name = "Late", contact = "late@example.com", text = "Too late?" }, HttpStatusCode.Conflict,
            null, "notice-closed");
        Assert.Single((await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/pricing/{notice}")).GetProperty("objections").EnumerateArray());
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task Listings_and_published_open_licence_declarations_are_on_the_board_and_a_draft_declaration_never_is(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var anyone = host.Host.From("203.0.113.30");
        var id = await host.InventionReadyForTransferAsync();
        await host.ApproveAsync(await host.PrepareAsync(id, new
        {
            pricingMethod = "listing", reviewSubject = "Licence by listing", basePrice = 100000, valuationBasis = "CONFIDENTIAL income approach",
        }));
        var listing = await host.WaitForPricingAsync(id, "listing", "open");
        var posted = Assert.Single((await OkAsync(anyone, HttpMethod.Get, "/api/v1/board")).EnumerateArray());
        Assert.Equal((listing, "listing"), (posted.GetProperty("id").GetGuid(), posted.GetProperty("kind").GetString()));
        var text = posted.GetProperty("text").GetString()!;
        Assert.Contains("挂牌底价：人民币 100,000.00 元", text);
        Assert.Contains("挂牌期：", text);
        Assert.Contains("意向登记方式：", text);
        Assert.Contains("How to register interest:", text);
        Assert.DoesNotContain("CONFIDENTIAL", posted.ToString());
        // A listing takes no objection.
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(anyone, HttpMethod.Post, $"/api/v1/board/{listing}/objections",
            new { name = "Zhang San", contact = "zhang@example.com", text = "x" })).Status);

        // An open-licence declaration: not on the board while only declared, on it once published, among the past once withdrawn.
        var declared = await ExpectAsync(HttpStatusCode.Created, host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/open-licence-declarations",
            new { feeMethod = "lump-sum", lumpSum = 50000, licenceTermMonths = 36 });
        var declaration = declared.GetProperty("declaration").GetProperty("id").GetGuid();
        Assert.DoesNotContain((await OkAsync(anyone, HttpMethod.Get, "/api/v1/board")).EnumerateArray(), e => e.GetProperty("id").GetGuid() == declaration);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(anyone, HttpMethod.Get, $"/api/v1/board/{declaration}")).Status);
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/open-licence-declarations/{declaration}/publication",
            new { publishedOn = host.Today, reference = "CNIPA open-licence announcement 2026-49" });
        var openLicence = await OkAsync(anyone, HttpMethod.Get, $"/api/v1/board/{declaration}");
        Assert.Equal(("open-licence", true), (openLicence.GetProperty("kind").GetString(), openLicence.GetProperty("current").GetBoolean()));
        Assert.Contains("许可使用费支付方式及标准：一次性支付人民币 50000.00 元", openLicence.GetProperty("text").GetString());
        Assert.Contains("许可期限：36 个月", openLicence.GetProperty("text").GetString());
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/open-licence-declarations/{declaration}/withdrawal", new { reason = "Licensing by listing from now on." });
        var withdrawn = await OkAsync(anyone, HttpMethod.Get, $"/api/v1/board/{declaration}");
        Assert.Equal((false, "withdrawn"), (withdrawn.GetProperty("current").GetBoolean(), withdrawn.GetProperty("status").GetString()));

        var actions = await host.EvidenceActionsAsync(id);
        Assert.Equal(2, actions.Count(a => a == "board.posted"));
        Assert.Single(actions, a => a == "board.removed");
        Assert.True((await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence/verification")).GetProperty("intact").GetBoolean());
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task<string> PageAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()); // Blazor writes non-ASCII text as character references
    }

    /// <summary>The facts of the case's last evidence entry with this action.</summary>
    private static async Task<JsonElement> EvidenceAsync(DomainApiHost host, Guid id, string action)
    {
        var entry = (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence")).EnumerateArray().Last(e => e.GetProperty("action").GetString() == action);
        return JsonDocument.Parse(entry.GetProperty("payload").GetString()!).RootElement.Clone();
    }

    private static async Task ProblemAsync(HttpClient client, string path, object body, HttpStatusCode status, string? field, string? code = null)
    {
        var problem = await ExpectAsync(status, client, HttpMethod.Post, path, body);
        if (field is not null)
            Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"the refusal does not name {field}: {problem}");
        if (code is not null) Assert.Equal(code, problem.GetProperty("code").GetString());
    }
}

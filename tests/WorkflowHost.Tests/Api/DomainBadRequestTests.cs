using System.Net;
using System.Text;
using Workflows.Persistence;
using static WorkflowHost.Tests.Api.DomainApiHost;

namespace WorkflowHost.Tests.Api;

/// <summary>Malformed bodies, oversize uploads and wrong content types answer 4xx problem details naming the field, never 500; downloads never render inline.</summary>
public sealed class DomainBadRequestTests
{
    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task Bad_requests_answer_problem_details_never_500(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider, new Dictionary<string, string> { ["TechTransfer:Attachments:MaxBytes"] = "1024" });
        var id = await host.SubmitInventionAsync();
        var stranger = Guid.NewGuid();
        // A draft may be incomplete; submitting it checks that the shares sum to 100.
        var badShares = (await ExpectAsync(HttpStatusCode.Created, host.Alice, HttpMethod.Post, "/api/v1/inventions", new
        {
            title = "Half-shared", field = "Photonics", @abstract = "A.", priorArt = "P.", intendedUses = "U.",
            inventors = new[] { new { userId = host.AliceUser.Id, name = "Alice", share = 50m }, new { userId = host.BobUser.Id, name = "Bob", share = 30m } },
        })).GetProperty("id").GetGuid();
        var cases = new (string Name, HttpClient Client, HttpMethod Method, string Path, Func<object?> Body, HttpStatusCode Expected, string? Field)[]
        {
            ("malformed JSON", host.Alice, HttpMethod.Post, "/api/v1/inventions", () => "{\"title\": ", HttpStatusCode.BadRequest, null),
            ("wrong type", host.Alice, HttpMethod.Post, "/api/v1/inventions", () => "{\"title\": 5}", HttpStatusCode.BadRequest, null),
            ("no body", host.Alice, HttpMethod.Post, "/api/v1/inventions", () => null, HttpStatusCode.BadRequest, null),
            ("submitting shares that are not 100", host.Alice, HttpMethod.Post, $"/api/v1/inventions/{badShares}/submit", () => null,
                HttpStatusCode.BadRequest, "inventors"),
            ("scores off the form", host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/assessment", () => new { technicalValue = 9 },
                HttpStatusCode.Conflict, null), // not at scoring yet: no open step, before any form check
            ("screening decision off the form", host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/screening", () => new { decision = "maybe" },
                HttpStatusCode.BadRequest, "variables.screeningDecision"),
            ("unknown status filter", host.Manager, HttpMethod.Get, "/api/v1/inventions?status=nonsense", () => null, HttpStatusCode.BadRequest, null),
            ("bid amount not a number", host.Manager, HttpMethod.Post, $"/api/v1/pricing/{stranger}/bids", () => "{\"bidder\": \"X\", \"amount\": \"lots\"}",
                HttpStatusCode.BadRequest, null),
            ("vote not a choice", host.Member1, HttpMethod.Post, $"/api/v1/reviews/{stranger}/vote", () => "{\"vote\": \"maybe\", \"reason\": \"x\"}",
                HttpStatusCode.BadRequest, null),
            ("upload too large", host.Alice, HttpMethod.Post, $"/api/v1/inventions/{id}/attachments", () => TextFile("big.txt", "text/plain", new string('a', 4096)),
                HttpStatusCode.RequestEntityTooLarge, "file"),
            ("upload not multipart", host.Alice, HttpMethod.Post, $"/api/v1/inventions/{id}/attachments", () => "{\"file\": \"x\"}",
                HttpStatusCode.UnsupportedMediaType, null),
            ("upload of a program", host.Alice, HttpMethod.Post, $"/api/v1/inventions/{id}/attachments", () => TextFile("setup.exe", "application/octet-stream", "MZ\u0090\0"),
                HttpStatusCode.UnsupportedMediaType, "file"),
            ("HTML named .txt", host.Alice, HttpMethod.Post, $"/api/v1/inventions/{id}/attachments", () => TextFile("notes.txt", "text/plain", "<html><script>alert(1)</script></html>"),
                HttpStatusCode.UnsupportedMediaType, "file"),
            ("multipart without a file part", host.Alice, HttpMethod.Post, $"/api/v1/inventions/{id}/attachments", () => new MultipartFormDataContent { { new StringContent("x"), "note" } },
                HttpStatusCode.BadRequest, "file"),
        };
        var wrong = new List<string>();
        foreach (var c in cases)
        {
            using var request = new HttpRequestMessage(c.Method, c.Path);
            var body = c.Body();
            if (body is HttpContent content) request.Content = content;
            else if (body is string raw) request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
            else if (body is not null) request.Content = System.Net.Http.Json.JsonContent.Create(body);
            using var response = await c.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != c.Expected) wrong.Add($"{c.Name}: {(int)response.StatusCode} {text}");
            else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") wrong.Add($"{c.Name}: not problem details: {text}");
            else if (c.Field is { } field && !text.Contains($"\"{field}\"", StringComparison.Ordinal)) wrong.Add($"{c.Name}: does not name {field}: {text}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Empty((await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/attachments")).EnumerateArray());
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task A_download_is_an_attachment_with_its_detected_type_and_nosniff(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var created = await ExpectAsync(HttpStatusCode.Created, host.Alice, HttpMethod.Post, "/api/v1/inventions", host.Draft());
        var id = created.GetProperty("id").GetGuid();
        var uploaded = await ExpectAsync(HttpStatusCode.Created, host.Alice, HttpMethod.Post, $"/api/v1/inventions/{id}/attachments",
            TextFile("measurements.txt", "text/html", "Loss 0.8 dB/cm"));
        Assert.Equal("text/plain", uploaded.GetProperty("contentType").GetString()); // the declared type is not trusted

        using var response = await host.Bob.GetAsync($"/api/v1/attachments/{uploaded.GetProperty("id").GetGuid()}/content");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("measurements.txt", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("Loss 0.8 dB/cm", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Carol.GetAsync($"/api/v1/attachments/{uploaded.GetProperty("id").GetGuid()}/content")).StatusCode);
    }
}

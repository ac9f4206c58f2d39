using System.Net;
using System.Text.Json;
using Workflows.Persistence;
using static WorkflowHost.Tests.Api.DomainApiHost;

namespace WorkflowHost.Tests.Api;

/// <summary>
/// DELETE /api/v1/attachments/{id}: the inventors (or the office) remove a file of a draft disclosure; the record keeps
/// that it was attached and that it was removed; once the office has the disclosure, its files stay.
/// </summary>
public sealed class AttachmentRemovalTests
{
    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task An_inventor_removes_a_draft_s_file_the_record_keeps_it_and_a_submitted_disclosure_s_files_stay(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var id = (await ExpectAsync(HttpStatusCode.Created, host.Alice, HttpMethod.Post, "/api/v1/inventions", host.Draft())).GetProperty("id").GetGuid();
        var wrong = (await ExpectAsync(HttpStatusCode.Created, host.Alice, HttpMethod.Post, $"/api/v1/inventions/{id}/attachments",
            TextFile("wrong-version.txt", "text/plain", "an early draft"))).GetProperty("id").GetGuid();
        var kept = (await ExpectAsync(HttpStatusCode.Created, host.Alice, HttpMethod.Post, $"/api/v1/inventions/{id}/attachments",
            TextFile("final.txt", "text/plain", "the description"))).GetProperty("id").GetGuid();

        // Someone not on the case learns nothing; a co-inventor removes it.
        await ExpectAsync(HttpStatusCode.NotFound, host.Carol, HttpMethod.Delete, $"/api/v1/attachments/{wrong}");
        await ExpectAsync(HttpStatusCode.NoContent, host.Bob, HttpMethod.Delete, $"/api/v1/attachments/{wrong}");
        var files = await OkAsync(host.Alice, HttpMethod.Get, $"/api/v1/inventions/{id}/attachments");
        Assert.Equal(["final.txt"], files.EnumerateArray().Select(f => f.GetProperty("fileName").GetString()).ToList());
        await ExpectAsync(HttpStatusCode.NotFound, host.Alice, HttpMethod.Get, $"/api/v1/attachments/{wrong}/content");
        await ExpectAsync(HttpStatusCode.NotFound, host.Alice, HttpMethod.Delete, $"/api/v1/attachments/{wrong}");

        // Submitted: what the office received stays, for the inventors and the office alike.
        await OkAsync(host.Alice, HttpMethod.Post, $"/api/v1/inventions/{id}/submit");
        var refused = await ExpectAsync(HttpStatusCode.Conflict, host.Alice, HttpMethod.Delete, $"/api/v1/attachments/{kept}");
        Assert.Equal("attachment-in-record", refused.GetProperty("code").GetString());
        await ExpectAsync(HttpStatusCode.Conflict, host.Manager, HttpMethod.Delete, $"/api/v1/attachments/{kept}");
        Assert.Single((await OkAsync(host.Alice, HttpMethod.Get, $"/api/v1/inventions/{id}/attachments")).EnumerateArray());

        // The record: the file attached, then removed by Bob, with its name and hash.
        var evidence = (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence")).EnumerateArray().ToList();
        var removed = Assert.Single(evidence, e => e.GetProperty("action").GetString() == "attachment.removed");
        var payload = JsonDocument.Parse(removed.GetProperty("payload").GetString()!).RootElement;
        Assert.Equal("wrong-version.txt", payload.GetProperty("name").GetString());
        var added = evidence.Where(e => e.GetProperty("action").GetString() == "attachment.added")
            .Select(e => JsonDocument.Parse(e.GetProperty("payload").GetString()!).RootElement).Single(p => p.GetProperty("name").GetString() == "wrong-version.txt");
        Assert.Equal(added.GetProperty("sha256").GetString(), payload.GetProperty("sha256").GetString());
        Assert.True((await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence/verification")).GetProperty("intact").GetBoolean());
    }
}

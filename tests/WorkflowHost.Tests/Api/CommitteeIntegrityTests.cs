using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Workflows.Persistence;
using WorkflowHost.Identity;
using static WorkflowHost.Tests.Api.DomainApiHost;

namespace WorkflowHost.Tests.Api;

/// <summary>
/// The attacks of the security review on the committee, as they were made, over the real HTTP stack: a member hands their
/// vote to the case's inventor, a system administrator takes the chair's vote, a recused member votes through another's
/// task, ballots are read before the close, a co-inventor votes on his own case, a member reads a draft, a workflow
/// administrator reads a case's variables. Each is refused; what is allowed is recorded in the evidence.
/// </summary>
public sealed class CommitteeIntegrityTests
{
    private static readonly object Listing = new
    {
        pricingMethod = "listing", reviewSubject = "Licence by listing", basePrice = 100000, valuationBasis = "Income approach",
    };

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task Only_the_member_casts_their_vote_and_every_handover_of_a_task_is_in_the_evidence(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var id = await host.InventionReadyForTransferAsync();

        // Handing an ordinary step on is allowed, and each handover joins the evidence: who, when, from whom to whom.
        var prepare = await host.OpenStepTaskAsync(id, "Task_Prepare");
        await ExpectAsync(HttpStatusCode.NoContent, host.Admin, HttpMethod.Post, $"/api/v1/tasks/{prepare}/reassign", new { assignee = host.HeadUser.Id });
        await ExpectAsync(HttpStatusCode.NoContent, host.Head, HttpMethod.Post, $"/api/v1/tasks/{prepare}/reassign", new { assignee = host.ManagerUser.Id });
        await ExpectAsync(HttpStatusCode.NoContent, host.Manager, HttpMethod.Post, $"/api/v1/tasks/{prepare}/delegate", new { userId = host.HeadUser.Id });
        await ExpectAsync(HttpStatusCode.NoContent, host.Head, HttpMethod.Post, $"/api/v1/tasks/{prepare}/resolve", new { });
        var review = await host.PrepareAsync(id, Listing);
        var adminId = (await OkAsync(host.Admin, HttpMethod.Get, "/api/v1/me")).GetProperty("id").GetString()!;
        var handovers = await WaitForEvidenceAsync(host, id, e => e.Action.StartsWith("task.", StringComparison.Ordinal), 3);
        Assert.Equal(
            [
                ("task.reassigned", adminId, null, host.HeadUser.Id),
                ("task.reassigned", host.HeadUser.Id, host.HeadUser.Id, host.ManagerUser.Id),
                ("task.delegated", host.ManagerUser.Id, host.ManagerUser.Id, host.HeadUser.Id),
            ],
            handovers.Select(e => (e.Action, e.Actor, Text(e.Facts, "from"), Text(e.Facts, "to"))).ToArray());
        Assert.All(handovers, e => Assert.Equal("Task_Prepare", Text(e.Facts, "step")));
        Assert.All(handovers, e => Assert.True(e.Facts.TryGetProperty("at", out _)));

        // A member hands his vote to the inventor of the case, who votes "approve": refused at each step.
        var (member1Vote, committee) = await VoteTaskAsync(host.Member1);
        var ballot = new { variables = new { conflict = false, vote = "approve", reason = "Counted as the member's." } };
        await ExpectAsync(HttpStatusCode.Forbidden, host.Member1, HttpMethod.Post, $"/api/v1/tasks/{member1Vote}/reassign", new { assignee = host.AliceUser.Id });
        await ExpectAsync(HttpStatusCode.Forbidden, host.Member1, HttpMethod.Post, $"/api/v1/tasks/{member1Vote}/delegate", new { userId = host.AliceUser.Id });
        await ExpectAsync(HttpStatusCode.Forbidden, host.Alice, HttpMethod.Post, $"/api/v1/tasks/{member1Vote}/complete", ballot);

        // A system administrator takes the chair's vote and casts it: refused, one task at a time and in bulk.
        var (chairVote, _) = await VoteTaskAsync(host.Chair);
        await ExpectAsync(HttpStatusCode.Forbidden, host.Admin, HttpMethod.Post, $"/api/v1/tasks/{chairVote}/reassign", new { assignee = adminId });
        await ExpectAsync(HttpStatusCode.Forbidden, host.Admin, HttpMethod.Post, $"/api/v1/tasks/{chairVote}/delegate", new { userId = adminId });
        await ExpectAsync(HttpStatusCode.Forbidden, host.Admin, HttpMethod.Post, $"/api/v1/tasks/{chairVote}/unclaim");
        await ExpectAsync(HttpStatusCode.Forbidden, host.Admin, HttpMethod.Post, $"/api/v1/tasks/{chairVote}/complete", ballot);
        var bulk = await OkAsync(host.Admin, HttpMethod.Post, "/api/v1/instances/bulk",
            new { action = "reassign", instanceIds = new[] { committee }, assignee = TestUsers.AdminEmail });
        Assert.Equal(0, bulk.GetProperty("done").GetInt32());
        Assert.Contains("personal", bulk.GetProperty("items")[0].GetProperty("message").GetString());

        // A recused member votes through a task another member hands him: refused.
        await OkAsync(host.Member2, HttpMethod.Post, $"/api/v1/reviews/{review}/conflict", new { statement = "I advise one of the bidders." });
        await ExpectAsync(HttpStatusCode.Forbidden, host.Member1, HttpMethod.Post, $"/api/v1/tasks/{member1Vote}/reassign", new { assignee = host.Member2User.Id });
        await ExpectAsync(HttpStatusCode.Forbidden, host.Member2, HttpMethod.Post, $"/api/v1/reviews/{review}/vote", new { vote = "approve", reason = "x" });

        // Every vote task is still its member's, and no ballot was cast.
        foreach (var (task, owner) in new[] { (member1Vote, host.Member1User.Id), (chairVote, host.ChairUser.Id) })
        {
            var detail = await OkAsync(host.Admin, HttpMethod.Get, $"/api/v1/tasks/{task}");
            Assert.Equal((owner, "claimed", true, true), (detail.GetProperty("task").GetProperty("assignee").GetString(),
                detail.GetProperty("task").GetProperty("status").GetString(), detail.GetProperty("personal").GetBoolean(), detail.GetProperty("confidential").GetBoolean()));
        }
        Assert.DoesNotContain(await EvidenceAsync(host, id), e => e.Action is "committee.vote-cast" or "task.reassigned" && e.At > handovers[^1].At);

        // The members vote themselves: each ballot is theirs.
        await OkAsync(host.Member1, HttpMethod.Post, $"/api/v1/reviews/{review}/vote", new { vote = "reject", reason = "Base price too low." });
        await OkAsync(host.Chair, HttpMethod.Post, $"/api/v1/reviews/{review}/vote", new { vote = "approve", reason = "Sound file." });
        Assert.Equal(new[] { "process:" + host.ChairUser.Id, "process:" + host.Member1User.Id }.Order(StringComparer.Ordinal),
            (await EvidenceAsync(host, id)).Where(e => e.Action == "committee.vote-cast").Select(e => e.Actor).Order(StringComparer.Ordinal));
        await WaitForAsync("the chair's close task", async () => (await OkAsync(host.Chair, HttpMethod.Get, "/api/v1/tasks"))
            .GetProperty("items").EnumerateArray().Any(t => t.GetProperty("elementId").GetString() == "Task_Close"));
        var closed = await OkAsync(host.Chair, HttpMethod.Post, $"/api/v1/reviews/{review}/close",
            new { minutes = "Two ballots, one recusal.", attendance = new[] { host.ChairUser.Id, host.Member1User.Id } });
        Assert.Equal(new[] { (host.ChairUser.Id, "approve"), (host.Member1User.Id, "reject") }.OrderBy(v => v.Item1, StringComparer.Ordinal),
            closed.GetProperty("votes").EnumerateArray().Select(v => (v.GetProperty("memberId").GetString()!, v.GetProperty("choice").GetString()!))
                .OrderBy(v => v.Item1, StringComparer.Ordinal));
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task No_read_path_shows_a_ballot_before_the_close_and_a_workflow_administrator_never_reads_the_case(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var workflowAdmin = await host.Host.CreateSignedInUserAsync("workflow-admin@example.edu", Roles.WorkflowAdministrator);
        var id = await host.InventionReadyForTransferAsync();
        var review = await host.PrepareAsync(id, Listing);
        // Each member's reason is a text found nowhere else; only its author may read it back before the close.
        var secret = "Ballot-reason-" + Guid.NewGuid().ToString("N")[..12];
        var member2Secret = "Second-ballot-" + Guid.NewGuid().ToString("N")[..12];
        var chairSecret = "Chair-ballot-" + Guid.NewGuid().ToString("N")[..12];
        var (member1Vote, committee) = await VoteTaskAsync(host.Member1);
        var main = (await host.InventionAsync(id)).GetProperty("processInstanceId").GetGuid();

        await OkAsync(host.Member1, HttpMethod.Post, $"/api/v1/reviews/{review}/vote", new { vote = "approve", reason = secret });
        await OkAsync(host.Member2, HttpMethod.Post, $"/api/v1/reviews/{review}/vote", new { vote = "reject", reason = member2Secret });
        await OkAsync(host.Chair, HttpMethod.Post, $"/api/v1/reviews/{review}/vote", new { vote = "approve", reason = chairSecret });
        // Voting is over, the review not closed: the chair's close step is assigned (and mailed) now.
        await WaitForAsync("the chair's close task", async () => (await OkAsync(host.Chair, HttpMethod.Get, "/api/v1/tasks"))
            .GetProperty("items").EnumerateArray().Any(t => t.GetProperty("elementId").GetString() == "Task_Close"));

        var readers = new[] { ("manager", host.Manager), ("head", host.Head), ("admin", host.Admin), ("workflow-admin", workflowAdmin.Client), ("member2", host.Member2) };
        var paths = new List<string>
        {
            $"/api/v1/instances/{committee}", $"/api/v1/instances/{committee}/history", $"/api/v1/instances/{committee}/variables",
            $"/api/v1/instances/{main}", $"/api/v1/instances/{main}/history", $"/api/v1/instances/{main}/variables",
            $"/api/v1/tasks/{member1Vote}", $"/api/v1/admin/statistics", $"/api/v1/inventions/{id}/evidence", $"/api/v1/reviews/{review}",
            $"/api/v1/inventions/{id}", $"/api/v1/inventions/{id}/reviews",
        };
        var leaks = new List<string>();
        foreach (var (who, client) in readers)
        foreach (var path in paths)
        {
            using var response = await client.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            var others = who == "member2" ? [secret, chairSecret] : new[] { secret, member2Secret, chairSecret };
            if (others.Any(text.Contains)) leaks.Add($"{who} GET {path} ({(int)response.StatusCode})");
        }
        Assert.True(leaks.Count == 0, "ballots read before the close: " + string.Join("; ", leaks));
        // The journal says that each member submitted, and nothing of what.
        var submitted = (await OkAsync(host.Head, HttpMethod.Get, $"/api/v1/instances/{committee}/history")).EnumerateArray()
            .Where(h => h.GetProperty("event").GetString() == "taskCompleted" && h.GetProperty("elementId").GetString() == "Task_Vote").ToList();
        Assert.Equal(3, submitted.Count);
        Assert.All(submitted, h => Assert.Equal(["confidential", "taskId"], h.GetProperty("data").EnumerateObject().Select(p => p.Name).Order()));

        // No email says it either (the close step's, sent after the ballots, included).
        var mail = Path.Combine(host.DataPath, "mail");
        IEnumerable<string> Emails() => Directory.Exists(mail)
            ? Directory.EnumerateFiles(mail, "*.eml", SearchOption.AllDirectories).Select(f => MimeKit.MimeMessage.Load(f)).Select(m => $"{m.Subject}\n{m.TextBody}\n{m.HtmlBody}")
            : [];
        await WaitForAsync("the chair's email", () => Task.FromResult(Emails().Any(e => e.Contains("Close the vote"))));
        Assert.DoesNotContain(Emails(), e => e.Contains(secret) || e.Contains(member2Secret) || e.Contains(chairSecret));

        // A workflow administrator sees where the case is, never its data; the office does.
        await ExpectAsync(HttpStatusCode.NotFound, workflowAdmin.Client, HttpMethod.Get, $"/api/v1/inventions/{id}");
        var withheld = await ExpectAsync(HttpStatusCode.Forbidden, workflowAdmin.Client, HttpMethod.Get, $"/api/v1/instances/{main}/variables");
        Assert.Contains("inventors, the technology-transfer office and the committee", withheld.GetProperty("detail").GetString());
        var instance = await OkAsync(workflowAdmin.Client, HttpMethod.Get, $"/api/v1/instances/{main}");
        Assert.Equal((0, true), (instance.GetProperty("variables").EnumerateObject().Count(), instance.GetProperty("dataWithheld").GetBoolean()));
        Assert.Contains("callActivity", instance.GetRawText()); // the shape: where the case waits
        var journal = await OkAsync(workflowAdmin.Client, HttpMethod.Get, $"/api/v1/instances/{main}/history");
        Assert.Contains(journal.EnumerateArray(), h => h.GetProperty("dataWithheld").GetBoolean());
        Assert.All(journal.EnumerateArray(), h => Assert.Equal(JsonValueKind.Null, h.GetProperty("data").ValueKind));
        var task = await OkAsync(host.Admin, HttpMethod.Get, $"/api/v1/tasks/{member1Vote}");
        Assert.Equal((0, true), (task.GetProperty("variables").EnumerateObject().Count(), task.GetProperty("dataWithheld").GetBoolean()));
        var office = await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/instances/{main}");
        Assert.Equal((id.ToString(), false), (office.GetProperty("variables").GetProperty("inventionId").GetString(), office.GetProperty("dataWithheld").GetBoolean()));
        await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/instances/{main}/variables");

        // After the close the ballots are where the review shows them: the review and the evidence pack; still not in the journal.
        var closed = await OkAsync(host.Chair, HttpMethod.Post, $"/api/v1/reviews/{review}/close", new
        {
            minutes = "Two to one.", attendance = new[] { host.ChairUser.Id, host.Member1User.Id, host.Member2User.Id },
        });
        Assert.Contains(secret, closed.GetProperty("votes").GetRawText());
        Assert.Contains(secret, (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence")).GetRawText());
        Assert.DoesNotContain(secret, (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/instances/{committee}/history")).GetRawText());
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task A_co_inventor_or_a_related_person_on_the_committee_gets_no_vote_and_no_member_reads_a_draft(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);

        // Bob's draft with an attachment, never submitted: nobody but its inventors reads it, the committee and the office neither.
        var draft = (await ExpectAsync(HttpStatusCode.Created, host.Alice, HttpMethod.Post, "/api/v1/inventions", host.Draft("Unsubmitted draft"))).GetProperty("id").GetGuid();
        using var upload = new MultipartFormDataContent();
        var bytes = new ByteArrayContent(Encoding.UTF8.GetBytes("Lab notebook, page 12."));
        bytes.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        upload.Add(bytes, "file", "notebook.txt");
        var attachment = (await ExpectAsync(HttpStatusCode.Created, host.Bob, HttpMethod.Post, $"/api/v1/inventions/{draft}/attachments", upload)).GetProperty("id").GetGuid();
        foreach (var (who, client) in new[] { ("member1", host.Member1), ("chair", host.Chair), ("manager", host.Manager), ("head", host.Head), ("admin", host.Admin), ("carol", host.Carol) })
        {
            foreach (var path in new[] { $"/api/v1/inventions/{draft}", $"/api/v1/inventions/{draft}/attachments", $"/api/v1/attachments/{attachment}/content" })
                Assert.True((await SendAsync(client, HttpMethod.Get, path)).Status == HttpStatusCode.NotFound, $"{who} GET {path}");
            var (status, list) = await SendAsync(client, HttpMethod.Get, "/api/v1/inventions");
            Assert.True(status != HttpStatusCode.OK || list.EnumerateArray().All(i => i.GetProperty("id").GetGuid() != draft), $"{who} lists the draft");
        }
        await OkAsync(host.Bob, HttpMethod.Get, $"/api/v1/attachments/{attachment}/content");

        // The case under review: member2 is a 50% co-inventor, member1 a declared related person of the counterparty.
        var id = await host.InventionReadyForTransferAsync(new
        {
            title = "Self-healing battery separator", field = "Energy storage", ipcClass = "H01M 50/40", @abstract = "A separator that closes its own cracks.",
            fiscallyFunded = false, priorArt = "Ceramic-coated separators.", intendedUses = "Electric vehicles.",
            inventors = new[] { new { userId = host.AliceUser.Id, name = "Alice", share = 50m }, new { userId = host.Member2User.Id, name = "Member Two", share = 50m } },
        });
        // Before its committee reviews it, a member does not see the case.
        await ExpectAsync(HttpStatusCode.NotFound, host.Member1, HttpMethod.Get, $"/api/v1/inventions/{id}");
        var review = await host.PrepareAsync(id, new
        {
            pricingMethod = "agreement", reviewSubject = "Licence by agreement", price = 200000, counterparty = "Ningbo Optics Ltd.",
            valuationBasis = "Cost approach", relatedParty = true, relatedPersons = host.Member1User.Id,
        });

        // Neither gets a vote task, and their vote is refused; the evidence says why each was recused.
        foreach (var member in new[] { host.Member1, host.Member2 })
        {
            Assert.DoesNotContain((await OkAsync(member, HttpMethod.Get, "/api/v1/tasks")).GetProperty("items").EnumerateArray(),
                t => t.GetProperty("elementId").GetString() == "Task_Vote");
            var (status, body) = await SendAsync(member, HttpMethod.Post, $"/api/v1/reviews/{review}/vote", new { vote = "approve", reason = "My own case is excellent." });
            Assert.True(status == HttpStatusCode.Forbidden, $"{status} {body}");
        }
        var view = await OkAsync(host.Member1, HttpMethod.Get, $"/api/v1/reviews/{review}"); // while it reviews, the committee sees the case
        Assert.Equal([(host.Member2User.Id, "inventor"), (host.Member1User.Id, "related-person")],
            view.GetProperty("recusals").EnumerateArray().Select(r => (r.GetProperty("memberId").GetString()!, r.GetProperty("reason").GetString()!))
                .OrderBy(r => r.Item2, StringComparer.Ordinal).ToArray());
        await OkAsync(host.Member1, HttpMethod.Get, $"/api/v1/inventions/{id}");
        var recusals = (await EvidenceAsync(host, id)).Where(e => e.Action == "committee.recused-automatically").ToList();
        Assert.Equal([(host.Member2User.Id, "inventor"), (host.Member1User.Id, "related-person")],
            recusals.Select(e => (Text(e.Facts, "member")!, Text(e.Facts, "reason")!)).OrderBy(r => r.Item2, StringComparer.Ordinal).ToArray());
        Assert.Contains("50% contribution share", recusals.Single(e => Text(e.Facts, "reason") == "inventor").Facts.GetRawText());
        Assert.Contains("Ningbo Optics Ltd.", recusals.Single(e => Text(e.Facts, "reason") == "related-person").Facts.GetRawText());

        // Quorum follows: the chair alone votes, so three members make no quorum.
        await OkAsync(host.Chair, HttpMethod.Post, $"/api/v1/reviews/{review}/vote", new { vote = "approve", reason = "Fair price." });
        await WaitForAsync("the chair's close task", async () => (await OkAsync(host.Chair, HttpMethod.Get, "/api/v1/tasks"))
            .GetProperty("items").EnumerateArray().Any(t => t.GetProperty("elementId").GetString() == "Task_Close"));
        var closed = await OkAsync(host.Chair, HttpMethod.Post, $"/api/v1/reviews/{review}/close",
            new { minutes = "Two members recused.", attendance = new[] { host.ChairUser.Id } });
        Assert.Equal(("no-quorum", 1), (closed.GetProperty("outcome").GetString(), closed.GetProperty("votes").GetArrayLength()));
    }

    private sealed record Entry(string Action, string Actor, DateTimeOffset At, JsonElement Facts);

    private static async Task<List<Entry>> EvidenceAsync(DomainApiHost host, Guid id) =>
        (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence")).EnumerateArray()
        .Select(e => new Entry(e.GetProperty("action").GetString()!, e.GetProperty("actor").GetString()!, e.GetProperty("at").GetDateTimeOffset(),
            JsonDocument.Parse(e.GetProperty("payload").GetString()!).RootElement.Clone())).ToList();

    /// <summary>The entries that match once there are <paramref name="count"/> of them (task events reach the evidence after the step commits).</summary>
    private static async Task<List<Entry>> WaitForEvidenceAsync(DomainApiHost host, Guid id, Func<Entry, bool> match, int count)
    {
        var found = new List<Entry>();
        await WaitForAsync($"{count} evidence entries", async () => (found = (await EvidenceAsync(host, id)).Where(match).ToList()).Count >= count);
        return found;
    }

    /// <summary>The member's open vote task and the committee-review instance it belongs to.</summary>
    private static async Task<(Guid Task, Guid Instance)> VoteTaskAsync(HttpClient member)
    {
        var task = (await OkAsync(member, HttpMethod.Get, "/api/v1/tasks?elementId=Task_Vote")).GetProperty("items").EnumerateArray().Single();
        return (task.GetProperty("id").GetGuid(), task.GetProperty("instanceId").GetGuid());
    }

    private static string? Text(JsonElement facts, string name) =>
        facts.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

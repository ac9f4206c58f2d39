using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TechTransfer.Evidence;
using Workflows.Persistence;
using static WorkflowHost.Tests.Api.DomainApiHost;

namespace WorkflowHost.Tests.Api;

/// <summary>
/// The pack an auditor files (issue 14, "The pack is complete for an auditor"): a case walked through the shipped processes
/// over HTTP, on SQLite and PostgreSQL, whose evidence holds each step's process version and hash, the migration of the
/// running case, who acted as they were then, the leadership's collective decision, every no-conflict statement, the
/// decisions no other command records, every handover, and each document with its SHA-256.
/// </summary>
public sealed class EvidencePackContentsTests
{
    /// <summary>Deals of 100,000 yuan and more of these kinds need the leadership's decision (the default is 1,000,000).</summary>
    private static readonly Dictionary<string, string> LeadershipFrom100000 = new()
    {
        ["TechTransfer:Leadership:Threshold"] = "100000", ["TechTransfer:Leadership:Kinds"] = "assignment,exclusive-licence",
    };

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task A_case_walked_through_the_shipped_processes_has_everything_an_auditor_files_in_its_pack(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider, LeadershipFrom100000);
        var id = await host.InventionReadyForTransferAsync();
        var caseNumber = (await host.InventionAsync(id)).GetProperty("invention").GetProperty("caseNumber").GetString()!;
        await PricedByAgreementAsync(host, id, 200000, "exclusive-licence");

        // 200,000 for an exclusive licence: the leadership must decide before anyone signs.
        await host.WaitForStepAsync(id, "Task_Leadership");
        Assert.False(await host.StepOpenAsync(id, "Task_Sign"));

        // The administrator publishes version 2 of the main process and moves the running case onto it.
        var v1 = await VersionAsync(host, 1);
        var bpmn = File.ReadAllText(HostFactory.RepositoryWorkflow("invention-transfer.bpmn"))
            .Replace("name=\"Invention transfer\"", "name=\"Invention transfer, revised\"", StringComparison.Ordinal);
        await ExpectAsync(HttpStatusCode.Created, host.Admin, HttpMethod.Post, "/api/v1/definitions", new StringContent(bpmn, Encoding.UTF8, "application/xml"));
        var v2 = await VersionAsync(host, 2);
        var main = (await OkAsync(host.Admin, HttpMethod.Get, $"/api/v1/instances?processId=invention-transfer&businessKey={caseNumber}"))
            .GetProperty("items")[0].GetProperty("id").GetGuid();
        await OkAsync(host.Admin, HttpMethod.Post, "/api/v1/instances/migrations", new { processId = "invention-transfer", targetVersion = 2, instanceIds = new[] { main } });
        await WaitForAsync("the migration in the evidence", async () => (await host.EvidenceActionsAsync(id)).Contains(InstanceMigrationEvidence.Migrated));

        // The head reassigns the leadership step to themselves (a handover the pack keeps), then minutes the meeting.
        var leadershipTask = await host.OpenStepTaskAsync(id, "Task_Leadership");
        await ExpectAsync(HttpStatusCode.NoContent, host.Admin, HttpMethod.Post, $"/api/v1/tasks/{leadershipTask}/reassign", new { assignee = host.HeadUser.Id });
        var minutes = await UploadAsync(host, id, "leadership-minutes.txt", "Minutes of the president's office meeting: approved.", "leadership-minutes");
        await CompleteAsync(host.Head, leadershipTask, new
        {
            meetingDate = host.Today, attendees = "President Wang, Vice-president Li, Vice-president Zhao", leadershipResult = "approved",
            minutes = "The exclusive licence to Ningbo Optics at 200,000 yuan is approved.", minutesAttachmentId = minutes.Id.ToString(),
        });
        await host.WaitForStepAsync(id, "Task_Sign");
        var agreement = await ExpectAsync(HttpStatusCode.Created, host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/agreement", new
        {
            agreementKind = "exclusive-licence", counterparty = "Ningbo Optics Ltd.", consideration = 200000, effectiveDate = host.Today, noConflict = true,
        });
        // Who signed is renamed later: the pack keeps the name they had when they signed.
        await OkAsync(host.Manager, HttpMethod.Put, "/api/v1/me", new { displayName = "Someone else", language = "en", digest = "immediate" });

        await host.RecordAndCollectAsync(id, agreement.GetProperty("id").GetGuid());
        var documents = new[]
        {
            await UploadAsync(host, id, "contract.txt", "Exclusive licence contract, signed by both parties.", "signed-contract"),
            await UploadAsync(host, id, "registration.txt", "Technology contract registration certificate.", "contract-registration"),
            await UploadAsync(host, id, "recordal.txt", "CNIPA notice of licence-contract recordal.", "recordal-notice"),
            await UploadAsync(host, id, "payment.txt", "Bank receipt: 200,000 yuan from Ningbo Optics.", "payment-proof"),
        };

        // Handovers reach the pack through the outbox, after their commit: wait for it rather than race the dispatcher.
        await WaitForAsync("the handover in the evidence", async () => (await host.EvidenceActionsAsync(id)).Contains(TaskHandoverEvidence.Reassigned));
        var pack = (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence")).EnumerateArray().ToList();
        JsonElement Entry(string action) => pack.Last(e => e.GetProperty("action").GetString() == action);
        JsonElement Payload(JsonElement entry) => JsonDocument.Parse(entry.GetProperty("payload").GetString()!).RootElement.Clone();

        // The process version and its hash each step ran under: version 1 before the migration, version 2 after.
        var checkedUnder = Payload(Entry("leadership.checked")).GetProperty(EvidenceLog.RanUnder);
        Assert.Equal(("invention-transfer", 1, v1), (checkedUnder.GetProperty("processId").GetString(), checkedUnder.GetProperty("version").GetInt32(),
            checkedUnder.GetProperty("contentHash").GetString()));
        Assert.Equal("Task_CheckLeadership", checkedUnder.GetProperty("elementId").GetString());
        var signedUnder = Payload(Entry("agreement.signed")).GetProperty(EvidenceLog.RanUnder);
        Assert.Equal((2, v2), (signedUnder.GetProperty("version").GetInt32(), signedUnder.GetProperty("contentHash").GetString()));
        Assert.Equal(main, signedUnder.GetProperty("instanceId").GetGuid());
        var voteUnder = Payload(Entry("committee.vote-cast")).GetProperty(EvidenceLog.RanUnder);
        Assert.Equal("committee-review", voteUnder.GetProperty("processId").GetString());
        Assert.Equal(64, voteUnder.GetProperty("contentHash").GetString()!.Length);

        // The migration: from which version to which, with both hashes, and who moved it.
        var migrated = Payload(Entry(InstanceMigrationEvidence.Migrated));
        Assert.Equal((1, v1), (migrated.GetProperty("from").GetProperty("version").GetInt32(), migrated.GetProperty("from").GetProperty("contentHash").GetString()));
        Assert.Equal((2, v2), (migrated.GetProperty("to").GetProperty("version").GetInt32(), migrated.GetProperty("to").GetProperty("contentHash").GetString()));
        Assert.Equal(main, migrated.GetProperty("instanceId").GetGuid());

        // Who acted, as they were: the signer's name and roles then, not the name they have now.
        var signer = Payload(Entry("agreement.signed")).GetProperty(EvidenceLog.ActedBy);
        Assert.Equal((host.ManagerUser.Id, "manager"), (signer.GetProperty("userId").GetString(), signer.GetProperty("name").GetString()));
        Assert.Contains("technology-manager", signer.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var voter = Payload(pack.First(e => e.GetProperty("action").GetString() == "committee.vote-cast")).GetProperty(EvidenceLog.ActedBy);
        Assert.Contains("committee-member", voter.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(string.IsNullOrEmpty(voter.GetProperty("name").GetString()));

        // The leadership's collective decision: the rule applied, the meeting, its result and the signed minutes' hash.
        var check = Payload(Entry("leadership.checked"));
        Assert.True(check.GetProperty("required").GetBoolean());
        Assert.Equal(100000m, check.GetProperty("rule").GetProperty("threshold").GetDecimal());
        var decided = Payload(Entry("leadership.decided"));
        Assert.Equal(("approved", host.Today), (decided.GetProperty("result").GetString(), decided.GetProperty("meetingDate").GetString()));
        Assert.Equal(3, decided.GetProperty("attendees").GetArrayLength());
        Assert.Equal(minutes.Sha256, decided.GetProperty("minutesFile").GetProperty("sha256").GetString());
        Assert.Equal(host.HeadUser.Id, decided.GetProperty(EvidenceLog.ActedBy).GetProperty("userId").GetString());

        // Every no-conflict statement: each voting member's, and the staff's who prepared the price and who signed, word for word.
        foreach (var vote in pack.Where(e => e.GetProperty("action").GetString() == "committee.vote-cast"))
            Assert.Equal(NoConflictStatement.Chinese, Payload(vote).GetProperty("noConflictStatement").GetProperty("zh").GetString());
        var statements = pack.Where(e => e.GetProperty("action").GetString() == StaffStatementService.Action).Select(Payload).ToList();
        Assert.Equal(["Task_Prepare", "Task_Sign"], statements.Select(s => s.GetProperty("step").GetString()!).ToArray());
        Assert.All(statements, s =>
        {
            Assert.True(s.GetProperty("declared").GetBoolean());
            Assert.Equal(host.ManagerUser.Id, s.GetProperty("person").GetString());
            Assert.Equal(NoConflictStatement.Chinese, s.GetProperty("statement").GetProperty("zh").GetString());
        });

        // The handover of the leadership step.
        var handover = Payload(Entry(TaskHandoverEvidence.Reassigned));
        Assert.Equal(("Task_Leadership", host.HeadUser.Id), (handover.GetProperty("step").GetString(), handover.GetProperty("to").GetString()));

        // Each document, stored, with its kind and the SHA-256 of its bytes.
        var added = pack.Where(e => e.GetProperty("action").GetString() == "attachment.added").Select(Payload).ToList();
        foreach (var document in documents.Append(minutes))
        {
            var entry = Assert.Single(added, a => a.GetProperty("id").GetGuid() == document.Id);
            Assert.Equal((document.Kind, document.Sha256), (entry.GetProperty("document").GetString(), entry.GetProperty("sha256").GetString()));
            var stored = await host.Manager.GetByteArrayAsync($"/api/v1/attachments/{document.Id}/content");
            Assert.Equal(document.Sha256, Convert.ToHexStringLower(SHA256.HashData(stored)));
        }
        var listed = await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/attachments");
        Assert.Contains(listed.EnumerateArray(), a => a.GetProperty("document").GetString() == "recordal-notice");

        var verdict = await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence/verification");
        Assert.True(verdict.GetProperty("intact").GetBoolean(), verdict.ToString());
    }

    [Fact]
    public async Task A_deal_the_leadership_rejects_is_never_signed_and_the_case_ends_there()
    {
        await using var host = await StartAsync(DatabaseProvider.Sqlite, LeadershipFrom100000);
        var id = await host.InventionReadyForTransferAsync();
        await PricedByAgreementAsync(host, id, 150000, "assignment");
        await host.WaitForStepAsync(id, "Task_Leadership");
        var task = await host.OpenStepTaskAsync(id, "Task_Leadership");

        // Minutes that are no file of this case: the record is refused and the step comes back to the head.
        var (status, problem) = await SendAsync(host.Head, HttpMethod.Post, $"/api/v1/tasks/{task}/complete", new
        {
            variables = new { meetingDate = host.Today, attendees = "President Wang", leadershipResult = "approved", minutes = "Approved.", minutesAttachmentId = Guid.NewGuid().ToString() },
        });
        Assert.True(status is HttpStatusCode.NoContent or HttpStatusCode.OK, $"{status}: {problem}");
        await host.WaitForStepAsync(id, "Task_Leadership"); // sent back by the refusal
        Assert.DoesNotContain("leadership.decided", await host.EvidenceActionsAsync(id));

        var minutes = await UploadAsync(host, id, "minutes.txt", "The assignment is not approved: the price is too low.", "leadership-minutes");
        await CompleteAsync(host.Head, await host.OpenStepTaskAsync(id, "Task_Leadership"), new
        {
            meetingDate = host.Today, attendees = "President Wang, Vice-president Li", leadershipResult = "rejected",
            minutes = "Not approved: relist with a higher base.", minutesAttachmentId = minutes.Id.ToString(),
        });
        await WaitForAsync("the process to end", async () => (await host.InventionAsync(id)).GetProperty("processStatus").GetString() == "completed");
        Assert.False(await host.StepOpenAsync(id, "Task_Sign"));
        var actions = await host.EvidenceActionsAsync(id);
        Assert.DoesNotContain("agreement.signed", actions);
        Assert.Contains("leadership.decided", actions);
    }

    [Fact]
    public async Task Naming_a_kind_that_needs_no_decision_in_the_file_does_not_let_a_deal_that_needs_one_be_signed()
    {
        await using var host = await StartAsync(DatabaseProvider.Sqlite, LeadershipFrom100000);
        var id = await host.InventionReadyForTransferAsync();
        await PricedByAgreementAsync(host, id, 200000, "ordinary-licence");
        await host.WaitForStepAsync(id, "Task_Sign"); // an ordinary licence needs no decision

        var (status, problem) = await SendAsync(host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/agreement", new
        {
            agreementKind = "exclusive-licence", counterparty = "Ningbo Optics Ltd.", consideration = 200000, effectiveDate = host.Today, noConflict = true,
        });
        Assert.True((int)status is >= 400 and < 500, $"{status}: {problem}");
        Assert.Equal("leadership-decision-required", problem.GetProperty("code").GetString());
        Assert.True(await host.StepOpenAsync(id, "Task_Sign"));
        Assert.DoesNotContain("agreement.signed", await host.EvidenceActionsAsync(id));
        // The kind the file named is signed as usual.
        await ExpectAsync(HttpStatusCode.Created, host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/agreement", new
        {
            agreementKind = "ordinary-licence", counterparty = "Ningbo Optics Ltd.", consideration = 200000, effectiveDate = host.Today, noConflict = true,
        });
    }

    [Fact]
    public async Task The_release_of_the_rights_to_the_inventors_is_in_the_pack_with_who_decided_it()
    {
        await using var host = await StartAsync(DatabaseProvider.Sqlite);
        var id = await host.SubmitInventionAsync();
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/screening", new { decision = "accept" });
        await host.WaitForStepAsync(id, "Task_Score");
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/assessment", new
        {
            technicalValue = 2, marketProspects = 2, legalStrength = 2, draftQuality = 2, strategicFit = 1, assessmentOutcome = "release-to-inventors",
            assessmentReasons = "No market for the university; the inventors will develop it.",
        });
        await host.WaitForStepAsync(id, "Task_Release");
        await CompleteAsync(host.Manager, await host.OpenStepTaskAsync(id, "Task_Release"), new
        {
            releaseForm = "long-term-use", releaseTerms = "Long-term use rights for 10 years; the university keeps a free licence.",
        });
        await WaitForAsync("the release in the evidence", async () => (await host.EvidenceActionsAsync(id)).Contains(StepDecisionService.Action));
        var entry = (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence")).EnumerateArray()
            .Last(e => e.GetProperty("action").GetString() == StepDecisionService.Action);
        var payload = JsonDocument.Parse(entry.GetProperty("payload").GetString()!).RootElement;
        Assert.Equal("assessment.release", payload.GetProperty("decision").GetString());
        Assert.StartsWith("Long-term use rights", payload.GetProperty("fields").GetProperty("releaseTerms").GetString());
        Assert.Equal(host.ManagerUser.Id, payload.GetProperty(EvidenceLog.ActedBy).GetProperty("userId").GetString());
        Assert.Equal("Task_RecordRelease", payload.GetProperty(EvidenceLog.RanUnder).GetProperty("elementId").GetString());
    }

    private sealed record Stored(Guid Id, string Sha256, string Kind);

    /// <summary>The transfer file (agreement pricing with Ningbo Optics, this intended kind, the preparer's statement), approved, its notice passed.</summary>
    private static async Task PricedByAgreementAsync(DomainApiHost host, Guid id, decimal price, string intendedKind)
    {
        var review = await host.PrepareAsync(id, new
        {
            pricingMethod = "agreement", reviewSubject = "Transfer by agreement", price, counterparty = "Ningbo Optics Ltd.",
            valuationBasis = "Cost approach", agreementKind = intendedKind, noConflict = true,
        });
        await host.ApproveAsync(review);
        await host.WaitForPricingAsync(id, "agreement", "open");
        await host.PassWindowAsync(id, "agreement");
    }

    /// <summary>The office files a document of the pack (a text file of that kind).</summary>
    private static async Task<Stored> UploadAsync(DomainApiHost host, Guid id, string name, string text, string kind)
    {
        var content = TextFile(name, "text/plain", text);
        content.Add(new StringContent(kind), "document");
        var created = await ExpectAsync(HttpStatusCode.Created, host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/attachments", content);
        Assert.Equal(kind, created.GetProperty("document").GetString());
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(sha, created.GetProperty("sha256").GetString());
        return new Stored(created.GetProperty("id").GetGuid(), sha, kind);
    }

    private static async Task CompleteAsync(HttpClient client, Guid task, object variables)
    {
        var (status, body) = await SendAsync(client, HttpMethod.Post, $"/api/v1/tasks/{task}/complete", new { variables });
        Assert.True(status is HttpStatusCode.NoContent or HttpStatusCode.OK, $"completing {task} answered {(int)status}: {body}");
    }

    private static async Task<string> VersionAsync(DomainApiHost host, int version) =>
        (await OkAsync(host.Admin, HttpMethod.Get, $"/api/v1/definitions/invention-transfer/versions/{version}")).GetProperty("contentHash").GetString()!;
}

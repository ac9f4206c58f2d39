using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TechTransfer.Evidence;
using WorkflowHost.Domain;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using Workflows.Persistence;
using static WorkflowHost.Tests.Api.DomainApiHost;

namespace WorkflowHost.Tests.Api;

/// <summary>
/// A dishonest insider with the database of a case (issue 14): each rewriting of the evidence, of the live rows it speaks
/// of, and of the engine's history of who completed what is reported by the case's verification over HTTP, on SQLite
/// and PostgreSQL. The record seal's key is in the host's data folder, out of the insider's reach.
/// </summary>
public sealed class EvidenceTamperingTests
{
    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task Rewriting_the_evidence_or_the_live_rows_of_a_finished_case_is_reported(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var id = await FinishedCaseAsync(host);
        var db = host.Database;
        await ExpectIntactAsync(host, id);

        // (d) The live rows: the price, the agreement, the revenue; each put back after.
        await ExpectReportedAsync(host, id, "UPDATE tt_pricing SET final_price = 1", "final price");
        await db.ExecuteAsync("UPDATE tt_pricing SET final_price = 200000");
        await ExpectReportedAsync(host, id, "UPDATE tt_agreements SET consideration = 1", "consideration");
        await db.ExecuteAsync("UPDATE tt_agreements SET consideration = 200000");
        await ExpectReportedAsync(host, id, "UPDATE tt_revenue_splits SET inventor_pool = 1", "inventorPool");
        await db.ExecuteAsync("UPDATE tt_revenue_splits SET inventor_pool = 89900");
        await ExpectReportedAsync(host, id, "UPDATE tt_revenue_shares SET amount = 0", "amount of");
        await db.ExecuteAsync("UPDATE tt_revenue_shares SET amount = 62930 WHERE user_id = @p0", host.AliceUser.Id);
        await db.ExecuteAsync("UPDATE tt_revenue_shares SET amount = 26970 WHERE user_id = @p0", host.BobUser.Id);
        await ExpectIntactAsync(host, id);

        // (b) Who signed is rewritten, and every later hash recomputed, as anyone with the source can.
        var entries = (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence")).Deserialize<List<EvidenceEntry>>(Web)!;
        var originals = entries.Select(e => (e.Actor, e.PreviousHash, e.Hash)).ToList();
        var signed = entries.FindIndex(e => e.Action == "agreement.signed");
        entries[signed].Actor = "mallory";
        for (var i = signed; i < entries.Count; i++)
        {
            entries[i].PreviousHash = entries[i - 1].Hash;
            entries[i].Hash = EvidenceLog.HashOf(entries[i]);
            await db.ExecuteAsync("UPDATE tt_evidence SET actor = @p0, previous_hash = @p1, hash = @p2 WHERE invention_id = @p3 AND sequence = @p4",
                entries[i].Actor, entries[i].PreviousHash, entries[i].Hash, id, entries[i].Sequence);
        }
        var rewritten = await VerificationAsync(host, id);
        Assert.Equal(entries[signed].Sequence, rewritten.GetProperty("brokenAt").GetInt32());
        Assert.Contains("record seal", rewritten.GetProperty("problem").GetString());
        for (var i = signed; i < entries.Count; i++)
            await db.ExecuteAsync("UPDATE tt_evidence SET actor = @p0, previous_hash = @p1, hash = @p2 WHERE invention_id = @p3 AND sequence = @p4",
                originals[i].Actor, originals[i].PreviousHash, originals[i].Hash, id, entries[i].Sequence);
        await ExpectIntactAsync(host, id);

        // (a) The last entries deleted: the checkpoint file outside the database still counts them.
        var truncated = await ExpectReportedAsync(host, id, $"DELETE FROM tt_evidence WHERE sequence > {entries.Count - 2}", "were deleted");
        Assert.Equal(entries.Count - 1, truncated.GetProperty("brokenAt").GetInt32());
        // (c) Every entry deleted: "intact, 0 entries" no more.
        var emptied = await ExpectReportedAsync(host, id, "DELETE FROM tt_evidence", "no evidence");
        Assert.Equal(0, emptied.GetProperty("entries").GetInt32());
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task Rewriting_the_engine_history_of_who_completed_what_is_reported(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var id = await host.InventionReadyForTransferAsync();
        var caseNumber = (await host.InventionAsync(id)).GetProperty("invention").GetProperty("caseNumber").GetString();
        var db = host.Database;
        await ExpectIntactAsync(host, id);

        // The stage whose history holds the screening (a called process of the case, or the main one).
        await using var store = db.CreateStore();
        List<HistoryEntry> history = [];
        foreach (var candidate in await store.QueryInstancesAsync(new InstanceQuery { BusinessKey = caseNumber }))
        {
            history = (await store.GetHistoryAsync(candidate.Id)).ToList();
            if (history.Any(h => h.Event == HistoryEventType.TaskCompleted && h.ElementId == "Task_Screen")) break;
        }
        var screened = history.First(h => h.Event == HistoryEventType.TaskCompleted && h.ElementId == "Task_Screen");
        var instance = screened.InstanceId;
        var own = await OkAsync(host.Admin, HttpMethod.Get, $"/api/v1/instances/{instance}/history/verification");
        Assert.True(own.GetProperty("intact").GetBoolean(), own.ToString());
        var completed = (int)HistoryEventType.TaskCompleted;

        // In place: someone else screened the disclosure.
        var inPlace = await ExpectReportedAsync(host, id, $"UPDATE wf_history SET actor = 'mallory' WHERE event = {completed} AND element_id = 'Task_Screen'",
            "changed after it was written");
        Assert.Equal(instance, inPlace.GetProperty("brokenInstance").GetGuid());
        await db.ExecuteAsync("UPDATE wf_history SET actor = @p0 WHERE id = @p1", screened.Actor, screened.Id);
        await ExpectIntactAsync(host, id);

        // With every later hash recomputed: the seal's signatures no longer match.
        var from = history.IndexOf(screened);
        var forged = history.Select(h => new HistoryEntry
        {
            InstanceId = h.InstanceId, Event = h.Event, ElementId = h.ElementId, ElementType = h.ElementType, TokenId = h.TokenId,
            Actor = h == screened ? "mallory" : h.Actor, At = h.At, Data = h.Data, Sequence = h.Sequence, Id = h.Id,
        }).ToList();
        for (var i = from; i < forged.Count; i++)
        {
            forged[i].PreviousHash = i == 0 ? "" : (i == from ? history[i - 1].Hash : forged[i - 1].Hash);
            forged[i].Hash = HistoryChain.HashOf(forged[i]);
            await db.ExecuteAsync("UPDATE wf_history SET actor = @p0, previous_hash = @p1, hash = @p2 WHERE id = @p3",
                forged[i].Actor, forged[i].PreviousHash, forged[i].Hash, forged[i].Id);
        }
        await ExpectReportedAsync(host, id, null, "record seal");
        for (var i = from; i < history.Count; i++)
            await db.ExecuteAsync("UPDATE wf_history SET actor = @p0, previous_hash = @p1, hash = @p2 WHERE id = @p3",
                history[i].Actor, history[i].PreviousHash, history[i].Hash, history[i].Id);
        await ExpectIntactAsync(host, id);

        // The last steps deleted, so that the history ends at the screening.
        var cut = history[history.IndexOf(screened) + 1];
        await ExpectReportedAsync(host, id, $"DELETE FROM wf_history WHERE id >= {cut.Id}", "history");
    }

    [Fact]
    public async Task The_daily_report_sends_each_case_s_signed_head_to_the_auditor_once_a_day()
    {
        await using var host = await StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string> { ["Sealing:AuditorEmail"] = "auditor@example.edu" });
        var id = await host.SubmitInventionAsync();
        var head = (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence")).Deserialize<List<EvidenceEntry>>(Web)!.Last();
        var report = host.Host.Services.GetRequiredService<SealedHeadsReport>();

        Assert.True(await report.QueueAsync(CancellationToken.None));
        Assert.False(await report.QueueAsync(CancellationToken.None)); // one a day, whichever host runs it
        var mail = Path.Combine(host.DataPath, "mail");
        MimeKit.MimeMessage? sent = null;
        await WaitForAsync("the report in the pickup folder", () => Task.FromResult(Directory.Exists(mail) && (sent = Directory
            .EnumerateFiles(mail, "*.eml", SearchOption.AllDirectories).Select(f => MimeKit.MimeMessage.Load(f))
            .FirstOrDefault(m => m.To.Mailboxes.Any(a => a.Address == "auditor@example.edu"))) is not null));
        var body = (sent!.TextBody ?? "").Replace("\r\n", "\n");
        Assert.Contains($"\t{head.Sequence}\t{head.Hash}\t{head.Signature}", body);
        var key = await OkAsync(host.Manager, HttpMethod.Get, "/api/v1/record-seal");
        Assert.Contains(key.GetProperty("publicKeyPem").GetString()!.Trim().Replace("\r\n", "\n"), body);
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>Priced by agreement (notice: 200,000 to Ningbo Optics), licensed, recorded, 200,000 income split 70/30.</summary>
    internal static async Task<Guid> FinishedCaseAsync(DomainApiHost host)
    {
        var id = await host.InventionReadyForTransferAsync();
        var review = await host.PrepareAsync(id, new
        {
            pricingMethod = "agreement", reviewSubject = "Licence by agreement", price = 200000, counterparty = "Ningbo Optics Ltd.", valuationBasis = "Cost approach",
        });
        await host.ApproveAsync(review);
        await host.WaitForPricingAsync(id, "agreement", "open");
        await host.PassWindowAsync(id, "agreement");
        await host.WaitForStepAsync(id, "Task_Sign");
        var agreement = await ExpectAsync(HttpStatusCode.Created, host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/agreement", new
        {
            agreementKind = "exclusive-licence", counterparty = "Ningbo Optics Ltd.", consideration = 200000, effectiveDate = host.Today,
        });
        await host.RecordAndCollectAsync(id, agreement.GetProperty("id").GetGuid());
        return id;
    }

    private static Task<JsonElement> VerificationAsync(DomainApiHost host, Guid id) =>
        OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence/verification");

    private static async Task ExpectIntactAsync(DomainApiHost host, Guid id)
    {
        var verdict = await VerificationAsync(host, id);
        Assert.True(verdict.GetProperty("intact").GetBoolean(), verdict.ToString());
    }

    /// <summary>Tampers (when there is SQL) and expects the verification to name the problem.</summary>
    private static async Task<JsonElement> ExpectReportedAsync(DomainApiHost host, Guid id, string? tamper, string problem)
    {
        if (tamper is not null) await host.Database.ExecuteAsync(tamper);
        var verdict = await VerificationAsync(host, id);
        Assert.False(verdict.GetProperty("intact").GetBoolean(), $"{tamper}: {verdict}");
        Assert.Contains(problem, verdict.GetProperty("problem").GetString());
        return verdict;
    }
}

using TechTransfer.Evidence;
using TechTransfer.Inventions;
using TechTransfer.Rewards;
using Workflows.Persistence;
using static TechTransfer.Tests.DomainHarness;
using static TechTransfer.Tests.OpenLicences.OpenLicenceServiceTests;

namespace TechTransfer.Tests.Inventions;

/// <summary>A disclosure names a co-inventor who has no account by name, college and contact; shares, the revenue split
/// and the reward pay them under their key; the office later links the account they register, and the record still
/// reconciles.</summary>
public sealed class CoInventorWithoutAccountTests
{
    private static readonly InventorShare WangWu = new("", "王五", 40m) { College = "材料学院", Email = "wangwu@example.edu.cn", Phone = "+86 571 8888 0000" };

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task A_co_inventor_without_an_account_is_paid_by_share_and_later_linked_to_their_account(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var draft = await h.Inventions.CreateDraftAsync(Alice, CompleteDraft("Sensor", new("alice", "Alice", 60m), WangWu));
        var wang = Assert.Single(draft.Inventors, i => !i.HasAccount);
        Assert.StartsWith(InventorKey.NoAccountPrefix, wang.UserId);
        Assert.Equal(("王五", "材料学院", "wangwu@example.edu.cn"), (wang.Name, wang.College, wang.Email));

        // An edit sends the key back and keeps the same person (and their key).
        var edited = await h.Inventions.UpdateDraftAsync(Alice, draft.Id, CompleteDraft("Sensor",
            new("alice", "Alice", 50m), WangWu with { UserId = wang.UserId, Share = 50m }));
        Assert.Equal(wang.UserId, Assert.Single(edited.Inventors, i => !i.HasAccount).UserId);
        var invention = await h.Inventions.SubmitAsync(Alice, draft.Id);
        Assert.Contains(await h.Evidence.EntriesAsync(invention.Id), e => e.Action == "disclosure.submitted" && System.Text.Json.JsonDocument.Parse(e.Payload).RootElement.GetProperty("inventors")[1] is var recorded
            && recorded.GetProperty("name").GetString() == "王五" && recorded.GetProperty("email").GetString() == "wangwu@example.edu.cn" && recorded.GetProperty("userId").GetString() == wang.UserId);

        var split = await h.Revenue.SplitAsync(Tom, invention.Id, new IncomeRecord(Income: 100_000m, Costs: 0m, Taxes: 0m));
        Assert.Equal(split.InventorPool / 2, split.Shares.Single(s => s.UserId == wang.UserId).Amount);
        Assert.Equal(split.InventorPool, split.Shares.Sum(s => s.Amount));
        await h.Inventions.AcceptAsync(Tom, invention.Id);
        await h.Inventions.RecordPatentApplicationAsync(Tom, invention.Id, "CN202610123456.7", new DateOnly(2025, 1, 10));
        await h.Inventions.RecordGrantAsync(Tom, invention.Id, "ZL202610123456.7", new DateOnly(2026, 2, 1));
        var rewards = h.Get<RewardService>();
        var reward = await rewards.DecideGrantRewardAsync(Tom, (await rewards.OpenGrantRewardAsync(Tom, invention.Id, null)).Id, 5000m);
        Assert.Equal(2500m, reward.Shares.Single(s => s.UserId == wang.UserId).Amount);

        // 王五 registers as "dave": the office links him. Only the office may; only to an account not on the case already.
        var dave = ActingUser.Create("dave", DomainRoles.Inventor);
        await Assert.ThrowsAsync<TechTransferException>(() => h.Inventions.GetAsync(dave, invention.Id));
        Assert.Equal("forbidden", (await Assert.ThrowsAsync<TechTransferException>(() => h.Inventions.LinkInventorAsync(Alice, invention.Id, wang.UserId, "dave"))).Code);
        Assert.Equal(("already-inventor", "userId"), await RefusedAsync(() => h.Inventions.LinkInventorAsync(Tom, invention.Id, wang.UserId, "alice")));
        Assert.Equal(("unknown-inventor", "inventorKey"), await RefusedAsync(() => h.Inventions.LinkInventorAsync(Tom, invention.Id, "alice", "dave")));
        var linked = await h.Inventions.LinkInventorAsync(Tom, invention.Id, wang.UserId, "dave");

        var now = Assert.Single(linked.Inventors, i => i.Name == "王五");
        Assert.Equal(("dave", 50m, "材料学院"), (now.UserId, now.Share, now.College));
        Assert.True(now.HasAccount);
        Assert.Equal("Sensor", (await h.Inventions.GetAsync(dave, invention.Id)).Title); // he sees his case now
        Assert.Equal(split.Shares.Single(s => s.UserId == wang.UserId).Amount, (await h.Revenue.ListAsync(dave, invention.Id)).Single().Shares.Single(s => s.UserId == "dave").Amount);
        Assert.Equal(2500m, (await rewards.ListAsync(dave, invention.Id)).Single(r => r.Id == reward.Id).Shares.Single(s => s.UserId == "dave").Amount);
        var entries = await h.Evidence.EntriesAsync(invention.Id);
        Assert.Contains(entries, e => e.Action == "inventor.linked" && e.Payload.Contains(wang.UserId) && e.Payload.Contains("\"dave\""));
        // The splits and rewards recorded under the old key still agree with the live rows under the account.
        Assert.Null(await h.Get<EvidenceReconciliation>().FirstDifferenceAsync(invention.Id, entries));
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task A_co_inventor_without_an_account_needs_a_name_and_a_contact_and_keys_are_never_forged(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        Assert.Equal(("contact-required", "inventors[1].email"), await RefusedAsync(() => h.Inventions.CreateDraftAsync(Alice,
            CompleteDraft("Sensor", new("alice", "Alice", 60m), WangWu with { Email = null, Phone = " " }))));
        Assert.Equal(("required", "inventors[1].name"), await RefusedAsync(() => h.Inventions.CreateDraftAsync(Alice,
            CompleteDraft("Sensor", new("alice", "Alice", 60m), WangWu with { Name = "" }))));
        Assert.Equal(("invalid-email", "inventors[1].email"), await RefusedAsync(() => h.Inventions.CreateDraftAsync(Alice,
            CompleteDraft("Sensor", new("alice", "Alice", 60m), WangWu with { Email = "wangwu at example" }))));
        // A key the system did not give on this invention is refused, not stored.
        Assert.Equal(("unknown-inventor", "inventors[1].userId"), await RefusedAsync(() => h.Inventions.CreateDraftAsync(Alice,
            CompleteDraft("Sensor", new("alice", "Alice", 60m), WangWu with { UserId = InventorKey.NoAccountPrefix + "forged" }))));
        Assert.Empty(await h.Inventions.ListAsync(Alice));
    }
}

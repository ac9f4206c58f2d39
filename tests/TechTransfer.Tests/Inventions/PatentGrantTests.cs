using Workflows.Persistence;
using static TechTransfer.Tests.DomainHarness;
using static TechTransfer.Tests.OpenLicences.OpenLicenceServiceTests;

namespace TechTransfer.Tests.Inventions;

public sealed class PatentGrantTests
{
    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task A_grant_is_recorded_when_it_happens_after_filing_once(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var invention = await h.AcceptedInventionAsync();
        Assert.Equal(("not-filed", "patentNumber"), await RefusedAsync(() => h.Inventions.RecordGrantAsync(Tom, invention.Id, "ZL1", new DateOnly(2026, 2, 1))));
        await h.Inventions.RecordPatentApplicationAsync(Tom, invention.Id, "CN202610000001.X", new DateOnly(2025, 1, 10));
        Assert.Equal(("grant-before-filing", "grantDate"), await RefusedAsync(() => h.Inventions.RecordGrantAsync(Tom, invention.Id, "ZL1", new DateOnly(2025, 1, 9))));
        Assert.Equal(("in-the-future", "grantDate"), await RefusedAsync(() => h.Inventions.RecordGrantAsync(Tom, invention.Id, "ZL1", new DateOnly(2026, 3, 3))));
        Assert.Equal(("required", "grantDate"), await RefusedAsync(() => h.Inventions.RecordGrantAsync(Tom, invention.Id, "ZL1", null)));

        var granted = await h.Inventions.RecordGrantAsync(Tom, invention.Id, " ZL202610000001.X ", new DateOnly(2026, 2, 1));
        Assert.Equal(("ZL202610000001.X", new DateOnly(2026, 2, 1)), (granted.PatentNumber, granted.GrantDate));
        await h.Inventions.RecordGrantAsync(Tom, invention.Id, "ZL202610000001.X", new DateOnly(2026, 2, 1)); // the same grant again changes nothing
        Assert.Equal(("already-granted", "patentNumber"), await RefusedAsync(() => h.Inventions.RecordGrantAsync(Tom, invention.Id, "ZL999", new DateOnly(2026, 2, 2))));
        Assert.Single(await h.Evidence.EntriesAsync(invention.Id), e => e.Action == "patent.granted");
    }
}

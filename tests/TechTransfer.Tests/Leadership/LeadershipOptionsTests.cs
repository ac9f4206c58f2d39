using TechTransfer.Leadership;
using TechTransfer.Licensing;

namespace TechTransfer.Tests.Leadership;

/// <summary>Which deals need the leadership's collective decision, as configured; a rule that names no agreement kind stops the host.</summary>
public sealed class LeadershipOptionsTests
{
    [Theory]
    [InlineData(AgreementKind.Assignment, 1_000_000, true)]
    [InlineData(AgreementKind.Assignment, 999_999.99, false)]
    [InlineData(AgreementKind.Equity, 5_000_000, true)]
    [InlineData(AgreementKind.OrdinaryLicence, 5_000_000, false)]
    public void By_default_assignments_exclusive_licences_and_equity_from_a_million_yuan_need_it(AgreementKind kind, double value, bool needed) =>
        Assert.Equal(needed, new LeadershipOptions().Requires(kind, (decimal)value));

    [Fact]
    public void A_kind_not_chosen_yet_counts_as_any_configured_kind()
    {
        Assert.True(new LeadershipOptions().Requires(null, 2_000_000m));
        Assert.False(new LeadershipOptions { Kinds = "" }.Requires(null, 2_000_000m));
        Assert.False(new LeadershipOptions { Kinds = "" }.Requires(AgreementKind.Assignment, 2_000_000m));
    }

    [Fact]
    public void A_rule_naming_no_agreement_kind_or_a_negative_threshold_refuses_to_start_naming_the_key()
    {
        var unknown = Assert.Throws<InvalidOperationException>(() => new TechTransferOptions { Leadership = { Kinds = "assignment, sale" } }.Validate());
        Assert.Contains("TechTransfer:Leadership:Kinds", unknown.Message);
        Assert.Contains("'sale'", unknown.Message);
        var negative = Assert.Throws<InvalidOperationException>(() => new TechTransferOptions { Leadership = { Threshold = -1 } }.Validate());
        Assert.Contains("TechTransfer:Leadership:Threshold", negative.Message);
    }
}

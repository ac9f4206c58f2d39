using System.Globalization;

namespace TechTransfer;

/// <summary>
/// The figures the law (or the institution's own rules) puts a floor under. A host outside a trial refuses to start
/// with any of them below its floor, naming the key and the rule (the host's start-up validation); a trial may go
/// below them because every one of its pages and emails says it is a trial (doc/configuration.md).
/// </summary>
public static class LegalFloors
{
    public const int NoticeDays = 15;
    public const decimal InventorShare = 0.50m;
    public const decimal InventionPatentReward = 4000m;
    public const decimal UtilityModelReward = 1500m;
    public const decimal DesignReward = 1500m;
    public const int RecordalMonths = 3;
    public const int GrantRewardMonths = 3;

    /// <summary>One figure below its floor: the configuration key (under <c>TechTransfer:</c>) and the rule it breaks.</summary>
    public sealed record Breach(string Key, string Value, string Rule)
    {
        public override string ToString() => $"{TechTransferOptions.Section}:{Key} is {Value}: {Rule}";
    }

    public static IReadOnlyList<Breach> Check(TechTransferOptions o)
    {
        var breaches = new List<Breach>();
        void Floor(bool ok, string key, object value, string rule)
        {
            if (!ok) breaches.Add(new Breach(key, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", rule));
        }
        Floor(o.Pricing.NoticeWindow >= TimeSpan.FromDays(NoticeDays), "Pricing:NoticeWindow", o.Pricing.NoticeWindow,
            $"the public notice of an agreed price lasts at least {NoticeDays} days (协议定价公示不少于{NoticeDays}日).");
        Floor(o.Rewards.PublicationWindow >= TimeSpan.FromDays(NoticeDays), "Rewards:PublicationWindow", o.Rewards.PublicationWindow,
            $"a reward is published for at least {NoticeDays} days before it is paid (奖励公示不少于{NoticeDays}日).");
        Floor(o.Revenue.InventorShare >= InventorShare, "Revenue:InventorShare", o.Revenue.InventorShare,
            "the people who made the result get at least 50% of net income (Law on Promoting Transformation art. 45).");
        Floor(o.Rewards.InventionPatentMinimum >= InventionPatentReward, "Rewards:InventionPatentMinimum", o.Rewards.InventionPatentMinimum,
            "the reward on grant is at least 4,000 yuan per invention patent (Implementing Rules 2023 art. 93).");
        Floor(o.Rewards.UtilityModelMinimum >= UtilityModelReward, "Rewards:UtilityModelMinimum", o.Rewards.UtilityModelMinimum,
            "the reward on grant is at least 1,500 yuan per utility model (Implementing Rules 2023 art. 93).");
        Floor(o.Rewards.DesignMinimum >= DesignReward, "Rewards:DesignMinimum", o.Rewards.DesignMinimum,
            "the reward on grant is at least 1,500 yuan per design (Implementing Rules 2023 art. 93).");
        Floor(o.Rewards.GrantRewardMonths <= GrantRewardMonths, "Rewards:GrantRewardMonths", o.Rewards.GrantRewardMonths,
            "the reward on grant is paid within 3 months of the grant (Implementing Rules 2023 art. 93).");
        Floor(o.Licensing.RecordalMonths <= RecordalMonths, "Licensing:RecordalMonths", o.Licensing.RecordalMonths,
            "a licence is recorded within 3 months of the contract taking effect (Implementing Rules 2023 art. 15).");
        Floor(o.Committee.Quorum >= o.Committee.MinimumQuorum, "Committee:Quorum", o.Committee.Quorum,
            $"the committee decides with at least the institution's minimum quorum of {o.Committee.MinimumQuorum} voting members (Committee:MinimumQuorum).");
        return breaches;
    }
}

using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using TechTransfer.Assessments;
using TechTransfer.Committees;
using TechTransfer.Disclosures;
using TechTransfer.Evidence;
using TechTransfer.Inventions;
using TechTransfer.Licensing;
using TechTransfer.OpenLicences;
using TechTransfer.Pricing;
using TechTransfer.Rewards;

namespace TechTransfer.Persistence;

/// <summary>
/// The domain's tables (<c>tt_*</c>, created by the SQL scripts in Migrations/, not by EF). Column names are the
/// snake_case of the properties; instants are UTC ticks (they sort and compare as numbers on both databases, as the
/// engine's), enums are their names.
/// </summary>
public sealed class TechTransferDbContext(DbContextOptions<TechTransferDbContext> options) : DbContext(options)
{
    public DbSet<Invention> Inventions => Set<Invention>();
    public DbSet<Inventor> Inventors => Set<Inventor>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<CommitteeReview> Reviews => Set<CommitteeReview>();
    public DbSet<Vote> Votes => Set<Vote>();
    public DbSet<ConflictDeclaration> Conflicts => Set<ConflictDeclaration>();
    public DbSet<CommitteeAbsence> Absences => Set<CommitteeAbsence>();
    public DbSet<PricingRecord> Pricings => Set<PricingRecord>();
    public DbSet<Objection> Objections => Set<Objection>();
    public DbSet<InterestedParty> InterestedParties => Set<InterestedParty>();
    public DbSet<Bid> Bids => Set<Bid>();
    public DbSet<Agreement> Agreements => Set<Agreement>();
    public DbSet<Filing> Filings => Set<Filing>();
    public DbSet<OpenLicenceDeclaration> OpenLicenceDeclarations => Set<OpenLicenceDeclaration>();
    public DbSet<RevenueSplit> RevenueSplits => Set<RevenueSplit>();
    public DbSet<RevenueShare> RevenueShares => Set<RevenueShare>();
    public DbSet<Reward> Rewards => Set<Reward>();
    public DbSet<RewardShare> RewardShares => Set<RewardShare>();
    public DbSet<EvidenceEntry> Evidence => Set<EvidenceEntry>();
    public DbSet<NoticeBoard.BoardPosting> BoardPostings => Set<NoticeBoard.BoardPosting>();
    public DbSet<Portfolio.Patent> Patents => Set<Portfolio.Patent>();
    public DbSet<Portfolio.PatentInventor> PatentInventors => Set<Portfolio.PatentInventor>();
    public DbSet<Portfolio.Campaigns.InventoryCampaign> Campaigns => Set<Portfolio.Campaigns.InventoryCampaign>();
    public DbSet<Portfolio.Campaigns.CampaignEntry> CampaignEntries => Set<Portfolio.Campaigns.CampaignEntry>();
    public DbSet<Portfolio.Campaigns.PoolPatent> ResourcePool => Set<Portfolio.Campaigns.PoolPatent>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Invention>(e =>
        {
            e.ToTable("tt_inventions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasMany(x => x.Inventors).WithOne().HasForeignKey(x => x.InventionId);
        });
        b.Entity<Inventor>(e => { e.ToTable("tt_inventors"); e.HasKey(x => new { x.InventionId, x.UserId }); e.Ignore(x => x.HasAccount); });
        b.Entity<Attachment>(e => { e.ToTable("tt_attachments"); e.HasKey(x => x.Id); });
        b.Entity<Assessment>(e => { e.ToTable("tt_assessments"); e.HasKey(x => x.Id); });
        b.Entity<CommitteeReview>(e =>
        {
            e.ToTable("tt_committee_reviews");
            e.HasKey(x => x.Id);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<Vote>(e => { e.ToTable("tt_committee_votes"); e.HasKey(x => new { x.ReviewId, x.MemberId }); });
        b.Entity<ConflictDeclaration>(e => { e.ToTable("tt_committee_conflicts"); e.HasKey(x => new { x.ReviewId, x.MemberId }); });
        b.Entity<CommitteeAbsence>(e => { e.ToTable("tt_committee_absences"); e.HasKey(x => new { x.ReviewId, x.MemberId }); });
        b.Entity<PricingRecord>(e =>
        {
            e.ToTable("tt_pricing");
            e.HasKey(x => x.Id);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<Objection>(e => { e.ToTable("tt_pricing_objections"); e.HasKey(x => x.Id); });
        b.Entity<InterestedParty>(e => { e.ToTable("tt_pricing_parties"); e.HasKey(x => new { x.PricingId, x.Party }); });
        b.Entity<Bid>(e => { e.ToTable("tt_pricing_bids"); e.HasKey(x => x.Id); });
        b.Entity<Agreement>(e => { e.ToTable("tt_agreements"); e.HasKey(x => x.Id); });
        b.Entity<Filing>(e => { e.ToTable("tt_filings"); e.HasKey(x => x.Id); });
        b.Entity<OpenLicenceDeclaration>(e =>
        {
            e.ToTable("tt_open_licence_declarations");
            e.HasKey(x => x.Id);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<RevenueSplit>(e =>
        {
            e.ToTable("tt_revenue_splits");
            e.HasKey(x => x.Id);
            e.HasMany(x => x.Shares).WithOne().HasForeignKey(x => x.SplitId);
        });
        b.Entity<RevenueShare>(e => { e.ToTable("tt_revenue_shares"); e.HasKey(x => new { x.SplitId, x.UserId }); });
        b.Entity<Reward>(e =>
        {
            e.ToTable("tt_rewards");
            e.HasKey(x => x.Id);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasMany(x => x.Shares).WithOne().HasForeignKey(x => x.RewardId);
        });
        b.Entity<RewardShare>(e => { e.ToTable("tt_reward_shares"); e.HasKey(x => new { x.RewardId, x.UserId }); });
        b.Entity<EvidenceEntry>(e => { e.ToTable("tt_evidence"); e.HasKey(x => new { x.InventionId, x.Sequence }); });
        b.Entity<NoticeBoard.BoardPosting>(e => { e.ToTable("tt_board_postings"); e.HasKey(x => x.Id); });
        b.Entity<Portfolio.Patent>(e =>
        {
            e.ToTable("tt_portfolio_patents");
            e.HasKey(x => x.Id);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.EvidenceChain);
            e.HasMany(x => x.Inventors).WithOne().HasForeignKey(x => x.PatentId);
        });
        b.Entity<Portfolio.PatentInventor>(e => { e.ToTable("tt_portfolio_inventors"); e.HasKey(x => new { x.PatentId, x.Position }); });
        b.Entity<Portfolio.Campaigns.InventoryCampaign>(e => { e.ToTable("tt_inventory_campaigns"); e.HasKey(x => x.Id); });
        b.Entity<Portfolio.Campaigns.CampaignEntry>(e =>
        {
            e.ToTable("tt_inventory_entries");
            e.HasKey(x => new { x.CampaignId, x.PatentId });
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<Portfolio.Campaigns.PoolPatent>(e => { e.ToTable("tt_resource_pool"); e.HasKey(x => x.PatentId); });

        var ticks = new ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        var nullableTicks = new ValueConverter<DateTimeOffset?, long?>(
            v => v.HasValue ? v.Value.UtcTicks : null, v => v.HasValue ? new DateTimeOffset(v.Value, TimeSpan.Zero) : null);
        foreach (var entity in b.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
                var type = property.ClrType;
                if (type == typeof(DateTimeOffset)) property.SetValueConverter(ticks);
                else if (type == typeof(DateTimeOffset?)) property.SetValueConverter(nullableTicks);
                else if (type.IsEnum) property.SetProviderClrType(typeof(string));
                else if (Nullable.GetUnderlyingType(type) is { IsEnum: true }) property.SetProviderClrType(typeof(string));
                else if (type == typeof(decimal) || type == typeof(decimal?)) { property.SetPrecision(18); property.SetScale(4); }
            }
        }
    }

    private static string SnakeCase(string name)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}

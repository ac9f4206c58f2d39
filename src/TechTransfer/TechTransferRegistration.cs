using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TechTransfer.Assessments;
using TechTransfer.Committees;
using TechTransfer.Disclosures;
using TechTransfer.Evidence;
using TechTransfer.Handlers;
using TechTransfer.Inventions;
using TechTransfer.Licensing;
using TechTransfer.OpenLicences;
using TechTransfer.Persistence;
using TechTransfer.Pricing;
using TechTransfer.Rewards;
using Workflows.Engine.Calendar;
using Workflows.Engine.Contracts;
using Workflows.Persistence;
using Workflows.Persistence.Sealing;

namespace TechTransfer;

/// <summary>Where the domain keeps its data: the host's database and data folder.</summary>
public sealed record TechTransferSettings(DatabaseProvider Provider, string ConnectionString, string DataPath);

public static class TechTransferRegistration
{
    /// <summary>The names of every service-task handler the domain registers (for <c>wf validate --handlers</c>).</summary>
    public static readonly IReadOnlyList<Type> HandlerTypes =
    [
        typeof(CheckDisclosureHandler), typeof(ReturnDisclosureHandler), typeof(ResubmitDisclosureHandler), typeof(AcceptDisclosureHandler),
        typeof(OpenAssessmentHandler), typeof(RecordAssessmentHandler), typeof(RecordPatentApplicationHandler),
        typeof(OpenCommitteeReviewHandler), typeof(RecordBallotHandler), typeof(RecordCommitteeDecisionHandler),
        typeof(OpenPublicNoticeHandler), typeof(ClosePublicNoticeHandler), typeof(ResolveObjectionHandler),
        typeof(OpenListingHandler), typeof(CloseListingHandler), typeof(RecordNegotiatedPriceHandler),
        typeof(OpenAuctionHandler), typeof(CloseAuctionHandler),
        typeof(SignAgreementHandler), typeof(ComputeRecordalDeadlineHandler), typeof(SubmitFilingHandler), typeof(RecordFilingDecisionHandler),
        typeof(SplitRevenueHandler), typeof(RegisterTechnologyContractHandler),
        typeof(PrepareRewardHandler), typeof(DecideRewardHandler), typeof(PublishRewardHandler), typeof(RecordRewardPaymentHandler),
        typeof(CheckLeadershipDecisionHandler), typeof(RecordLeadershipDecisionHandler), typeof(RecordStepDecisionHandler),
        typeof(PrepareFeeDecisionHandler), typeof(RecordFeeDecisionHandler),
        typeof(PrepareInventoryGradingHandler), typeof(RecordInventoryGradeHandler), typeof(RecordCollegeReviewHandler), typeof(RecordUniversityReviewHandler), typeof(RecordIdleFundedActionHandler),
    ];

    /// <summary>
    /// The domain services, its tables' context, its service-task handlers (as <see cref="IServiceTaskHandler"/>,
    /// which the engine picks up by name) and its listener to task handovers (<see cref="ITaskEventListener"/>: the evidence). The host binds <paramref name="options"/> from <c>TechTransfer:*</c>, and may
    /// register its own <see cref="ICommitteeDirectory"/> and <see cref="IPeopleDirectory"/> (accounts), <see cref="IBusinessCalendar"/> and
    /// <see cref="TimeProvider"/> before or after this call; the defaults are used only where it does not.
    /// Run <see cref="TechTransferDatabase.MigrateAsync"/> at start-up.
    /// </summary>
    public static IServiceCollection AddTechTransfer(this IServiceCollection services, TechTransferSettings settings, TechTransferOptions? options = null)
    {
        options ??= new TechTransferOptions();
        options.Validate();
        var database = new TechTransferDatabase(settings.Provider, settings.ConnectionString);
        services.AddSingleton(options);
        services.AddSingleton(database);
        services.AddPooledDbContextFactory<TechTransferDbContext>(database.Configure);
        services.AddSingleton(new AttachmentStorage(Path.GetFullPath(Path.Combine(settings.DataPath, options.Attachments.Folder))));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IBusinessCalendar>(new HolidayCalendar([], []));
        services.TryAddSingleton<ICommitteeDirectory, ConfiguredCommitteeDirectory>();
        services.TryAddSingleton<IPeopleDirectory, AnyonePeopleDirectory>();
        // The record seal and the checkpoint journal: the host's configured ones, else in the data folder.
        services.TryAddSingleton<IRecordSeal>(_ => Ed25519RecordSeal.LoadOrCreate(Path.Combine(settings.DataPath, RecordSealFiles.DefaultKeyFile)));
        services.TryAddSingleton(_ => new CheckpointJournal(Path.Combine(settings.DataPath, RecordSealFiles.DefaultCheckpointFolder, RecordSealFiles.EvidenceJournal)));
        services.AddSingleton<DomainStore>();
        services.AddSingleton<EvidenceLog>();
        services.AddSingleton<EvidenceReconciliation>();
        services.AddSingleton<EvidencePackService>();
        services.AddSingleton<InventionService>();
        services.AddSingleton<CaseDirectory>();
        services.AddSingleton<Reporting.MoneyStatistics>();
        services.AddSingleton<AttachmentService>();
        services.AddSingleton<AssessmentService>();
        services.AddSingleton<CommitteeService>();
        services.AddSingleton<PricingService>();
        services.AddSingleton<TechTransfer.Leadership.LeadershipDecisionService>();
        services.AddSingleton<StaffStatementService>();
        services.AddSingleton<StepDecisionService>();
        services.AddSingleton<AgreementService>();
        services.AddSingleton<OpenLicenceService>();
        services.AddSingleton<RewardService>();
        services.AddSingleton<RevenueService>();
        services.AddSingleton<NoticeBoard.NoticeBoardPostings>();
        services.AddSingleton<NoticeBoard.NoticeBoardService>();
        services.AddSingleton<Portfolio.PortfolioService>();
        services.AddSingleton<Portfolio.Import.PortfolioImport>();
        services.AddSingleton<Portfolio.Campaigns.CampaignService>();
        foreach (var handler in HandlerTypes) services.AddSingleton(typeof(IServiceTaskHandler), handler);
        services.AddSingleton<ITaskEventListener, TaskHandoverEvidence>();
        services.AddSingleton<IInstanceMigrationListener, InstanceMigrationEvidence>();
        services.AddSingleton<IInstanceOperationListener, InstanceOperationEvidence>();
        return services;
    }
}

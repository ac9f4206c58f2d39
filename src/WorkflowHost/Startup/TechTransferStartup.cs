using TechTransfer;
using TechTransfer.Persistence;
using WorkflowHost.Composition;

namespace WorkflowHost.Startup;

/// <summary>
/// Brings the domain's <c>tt_*</c> tables up to date at start-up (module <c>techtransfer</c> of schema_migrations), and
/// says which rules are in force, so an operator sees at once whether the host runs the national rules or a trial.
/// </summary>
public sealed class TechTransferStartup(TechTransferDatabase database, TechTransferOptions options, TrialMode trial, ILogger<TechTransferStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var applied = await database.MigrateAsync(ct);
        if (applied.Count > 0) logger.LogInformation("Tech-transfer schema migrated to version {Version}", applied[^1]);
        var pricing = options.Pricing;
        var listing = pricing.ListingWindow is { } fixedListing ? fixedListing.ToString() : $"{pricing.ListingWindowWorkingDays} working days";
        if (trial.Enabled)
            logger.LogWarning("TRIAL MODE (演示模式): committee quorum {Quorum}, public notice {Notice}, listing {Listing}, auction {Auction}; " +
                              "every page and email is marked as a trial. Do not use this host for real cases.",
                options.Committee.Quorum, pricing.NoticeWindow, listing, pricing.AuctionWindow);
        else
            logger.LogInformation("Rules in force: committee quorum {Quorum}, public notice {Notice}, listing {Listing}, auction {Auction}",
                options.Committee.Quorum, pricing.NoticeWindow, listing, pricing.AuctionWindow);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

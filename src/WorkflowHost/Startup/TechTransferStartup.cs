using TechTransfer;
using WorkflowHost.Composition;

namespace WorkflowHost.Startup;

/// <summary>
/// Says at start-up (run by <see cref="HostStartup"/>) which rules are in force, so an operator sees at once whether the
/// host runs the national rules or a trial.
/// </summary>
public sealed class TechTransferStartup(TechTransferOptions options, TrialMode trial, ILogger<TechTransferStartup> logger)
{
    public Task RunAsync(CancellationToken ct)
    {
        var pricing = options.Pricing;
        var listing = pricing.ListingWindow is { } fixedListing ? fixedListing.ToString() : $"{pricing.ListingWindowWorkingDays} working days";
        if (trial.Enabled)
            logger.LogWarning("TRIAL MODE (演示模式): committee quorum {Quorum}, public notice {Notice}, listing {Listing}, auction {Auction}; " +
                              "every page and email is marked as a trial. Do not use this host for real cases.",
                options.Committee.Quorum, pricing.NoticeWindow, listing, pricing.AuctionWindow);
        else
            logger.LogInformation("Rules in force: committee quorum {Quorum}, public notice {Notice}, listing {Listing}, auction {Auction}",
                options.Committee.Quorum, pricing.NoticeWindow, listing, pricing.AuctionWindow);
        return Task.CompletedTask;
    }
}

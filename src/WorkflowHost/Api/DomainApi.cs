using WorkflowHost.Api.Agreements;
using WorkflowHost.Api.Attachments;
using WorkflowHost.Api.Evidence;
using WorkflowHost.Api.Inventions;
using WorkflowHost.Api.NoticeBoard;
using WorkflowHost.Api.OpenLicences;
using WorkflowHost.Api.People;
using WorkflowHost.Api.Portfolio;
using WorkflowHost.Api.Pricing;
using WorkflowHost.Api.Revenue;
using WorkflowHost.Api.Rewards;
using WorkflowHost.Api.Reviews;

namespace WorkflowHost.Api;

/// <summary>The technology-transfer endpoints under /api/v1, one group per resource.</summary>
public static class DomainApi
{
    public static IEndpointRouteBuilder MapDomainApi(this IEndpointRouteBuilder app)
    {
        app.MapInventionsApi();
        app.MapAttachmentsApi();
        app.MapReviewsApi();
        app.MapPricingApi();
        app.MapAgreementsApi();
        app.MapOpenLicencesApi();
        app.MapRevenueApi();
        app.MapRewardsApi();
        app.MapEvidenceApi();
        app.MapPeopleApi();
        app.MapNoticeBoardApi();
        app.MapPortfolioApi();
        app.MapCampaignsApi();
        return app;
    }
}

using WorkflowHost.Application.Pricing;

namespace WorkflowHost.Application.Reviews;

/// <summary>The committee's and the pricing actions that the endpoints and the committee-room and pricing pages share.</summary>
public static class ReviewAndPricingRegistration
{
    public static IServiceCollection AddReviewAndPricingActions(this IServiceCollection services)
    {
        services.AddSingleton<ReviewActions>();
        services.AddSingleton<PricingActions>();
        return services;
    }
}

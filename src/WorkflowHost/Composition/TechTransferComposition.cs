using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using TechTransfer;
using TechTransfer.Committees;
using WorkflowHost.Api;
using WorkflowHost.Api.Reviews;
using WorkflowHost.Domain;
using WorkflowHost.Domain.EvidencePacks;
using WorkflowHost.Startup;

namespace WorkflowHost.Composition;

public static class TechTransferComposition
{
    /// <summary>
    /// The tech-transfer domain on the host's database and data folder, its figures from <c>TechTransfer:*</c> (windows,
    /// shares, limits; a demonstration shortens windows here, never in code), committees from the accounts, and its
    /// tables migrated at start-up (before the shipped workflows, whose service tasks it serves, are published). For
    /// its endpoints: the process steps they complete, its refusals as problem details, and enum values in JSON as
    /// kebab-case words (<c>"exclusive-licence"</c>).
    /// </summary>
    public static IServiceCollection AddTechTransferDomain(this IServiceCollection services, HostSettings settings, IConfiguration configuration)
    {
        services.AddSingleton<ICommitteeDirectory, AccountsCommitteeDirectory>();
        services.AddSingleton<TechTransfer.Inventions.IPeopleDirectory, AccountsPeopleDirectory>();
        services.AddTechTransfer(new TechTransferSettings(settings.Provider, settings.ConnectionString, settings.DataPath),
            Options(configuration.GetSection(TechTransferOptions.Section)));
        services.AddHostedService<TechTransferStartup>();
        services.AddSingleton<ProcessSteps>();
        services.AddSingleton<CaseDataAccess>();
        services.AddSingleton<CaseVerification>();
        services.AddSingleton<SealedHeadsReport>();
        services.AddSingleton(configuration.GetSection(EvidencePackOptions.Section).Get<EvidencePackOptions>() ?? new EvidencePackOptions());
        services.AddSingleton<EvidencePackReport>();
        services.AddScoped<EvidencePackExport>();
        services.AddReviewAndPricingActions();
        services.AddExceptionHandler<DomainExceptionHandler>();
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower)));
        return services;
    }

    /// <summary>Binds the options. A list given in configuration replaces the default list (the binder would append to it).</summary>
    public static TechTransferOptions Options(IConfigurationSection section)
    {
        var options = new TechTransferOptions();
        section.Bind(options);
        if (section.GetSection("Assessment:Criteria").Exists())
            options.Assessment.Criteria = section.GetSection("Assessment:Criteria").Get<List<AssessmentCriterion>>() ?? [];
        if (section.GetSection("Attachments:AllowedExtensions").Exists())
            options.Attachments.AllowedExtensions = section.GetSection("Attachments:AllowedExtensions").Get<List<string>>() ?? [];
        if (section.GetSection("Attachments:AllowedContentTypes").Exists())
            options.Attachments.AllowedContentTypes = section.GetSection("Attachments:AllowedContentTypes").Get<List<string>>() ?? [];
        return options;
    }
}

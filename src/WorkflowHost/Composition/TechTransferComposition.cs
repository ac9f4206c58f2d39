using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using TechTransfer;
using TechTransfer.Committees;
using WorkflowHost.Api;
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
    /// its endpoints: its refusals as problem details, and enum values in JSON as kebab-case words (<c>"exclusive-licence"</c>).
    /// The use cases its endpoints and pages share are the application layer's (<c>AddApplicationLayer</c>).
    /// </summary>
    public static IServiceCollection AddTechTransferDomain(this IServiceCollection services, HostSettings settings, IConfiguration configuration)
    {
        services.AddSingleton<ICommitteeDirectory, AccountsCommitteeDirectory>();
        services.AddSingleton<TechTransfer.Inventions.IPeopleDirectory, AccountsPeopleDirectory>();
        var section = configuration.GetSection(TechTransferOptions.Section);
        services.AddTechTransfer(new TechTransferSettings(settings.Provider, settings.ConnectionString, settings.DataPath),
            Options(section, configuration["Email:BaseUrl"]));
        // The legal floors, checked before the host starts (outside a trial): the same figures, bound the same way.
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<TechTransferOptions>, LegalFloorValidation>();
        services.AddOptions<TechTransferOptions>().Configure(o => Bind(section, o)).ValidateOnStart();
        services.AddSingleton<TechTransferStartup>();
        services.AddSingleton<CaseVerification>();
        services.AddSingleton<SealedHeadsReport>();
        services.AddSingleton(configuration.GetSection(EvidencePackOptions.Section).Get<EvidencePackOptions>() ?? new EvidencePackOptions());
        services.AddSingleton<EvidencePackReport>();
        services.AddScoped<EvidencePackExport>();
        services.AddSingleton<Api.NoticeBoard.NoticeBoardFeeds>();
        services.AddSingleton<Application.Portfolio.FeeCalendarSweep>();
        services.AddExceptionHandler<DomainExceptionHandler>();
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower)));
        return services;
    }

    /// <summary>Binds the options. A list given in configuration replaces the default list (the binder would append to it).</summary>
    public static TechTransferOptions Options(IConfigurationSection section, string? baseUrl = null)
    {
        var options = new TechTransferOptions();
        // The board is where the host is, unless configured elsewhere (a reverse proxy's public address).
        if (!string.IsNullOrWhiteSpace(baseUrl)) options.NoticeBoard.Url = baseUrl.TrimEnd('/') + "/board";
        Bind(section, options);
        return options;
    }

    private static void Bind(IConfigurationSection section, TechTransferOptions options)
    {
        section.Bind(options);
        if (section.GetSection("NoticeBoard:AnnounceTo").Exists())
            options.NoticeBoard.AnnounceTo = section.GetSection("NoticeBoard:AnnounceTo").Get<List<string>>() ?? [];
        if (section.GetSection("Assessment:Criteria").Exists())
            options.Assessment.Criteria = section.GetSection("Assessment:Criteria").Get<List<AssessmentCriterion>>() ?? [];
        if (section.GetSection("Attachments:AllowedExtensions").Exists())
            options.Attachments.AllowedExtensions = section.GetSection("Attachments:AllowedExtensions").Get<List<string>>() ?? [];
        if (section.GetSection("Attachments:AllowedContentTypes").Exists())
            options.Attachments.AllowedContentTypes = section.GetSection("Attachments:AllowedContentTypes").Get<List<string>>() ?? [];
    }
}

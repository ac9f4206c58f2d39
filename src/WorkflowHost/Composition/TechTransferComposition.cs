using TechTransfer;
using WorkflowHost.Startup;

namespace WorkflowHost.Composition;

public static class TechTransferComposition
{
    /// <summary>
    /// The tech-transfer domain on the host's database and data folder, its figures from <c>TechTransfer:*</c>, and its
    /// tables migrated at start-up (before the shipped workflows, whose service tasks it serves, are published).
    /// </summary>
    public static IServiceCollection AddTechTransferDomain(this IServiceCollection services, HostSettings settings, IConfiguration configuration)
    {
        services.AddTechTransfer(new TechTransferSettings(settings.Provider, settings.ConnectionString, settings.DataPath),
            Options(configuration.GetSection(TechTransferOptions.Section)));
        services.AddHostedService<TechTransferStartup>();
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

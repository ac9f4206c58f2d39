using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using TechTransfer;
using TechTransfer.Committees;
using WorkflowHost.Api;
using WorkflowHost.Domain;

namespace WorkflowHost.Composition;

public static class TechTransferComposition
{
    /// <summary>
    /// The technology-transfer domain on the host's database and data folder: its figures from configuration section
    /// <c>TechTransfer</c> (windows, shares, limits; demonstrations shorten windows here, never in code), committees from
    /// the accounts, its schema migrated at start-up (register before the workflow start-up, which may run its handlers),
    /// its refusals as problem details, and enum values in JSON as kebab-case words (<c>"exclusive-licence"</c>).
    /// </summary>
    public static IServiceCollection AddTechTransferDomain(this IServiceCollection services, HostSettings settings, IConfiguration configuration)
    {
        var options = configuration.GetSection(TechTransferOptions.Section).Get<TechTransferOptions>() ?? new TechTransferOptions();
        services.AddSingleton<ICommitteeDirectory, AccountsCommitteeDirectory>();
        services.AddTechTransfer(new TechTransferSettings(settings.Provider, settings.ConnectionString, settings.DataPath), options);
        services.AddHostedService<TechTransferStartup>();
        services.AddSingleton<ProcessSteps>();
        services.AddExceptionHandler<DomainExceptionHandler>();
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower)));
        return services;
    }
}

using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace WorkflowHost.Composition;

public static class ShippedSettings
{
    /// <summary>
    /// The appsettings.json shipped beside the binaries, as the lowest-priority source. The host reads its settings
    /// from the content root (the working directory); started from anywhere else it used to find none and ran
    /// with framework defaults, logging every EF Core statement at Information. The content root's files, the
    /// environment and the command line still override everything here.
    /// </summary>
    public static ConfigurationManager AddShippedSettings(this ConfigurationManager configuration)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (File.Exists(file))
            configuration.Sources.Insert(0, new JsonConfigurationSource
            {
                FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory), Path = "appsettings.json", Optional = true, ReloadOnChange = false,
            });
        return configuration;
    }
}

using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace WorkflowHost.Composition;

/// <summary>
/// The one-person trial: a quorum of one and pricing windows of minutes (<c>appsettings.Trial.json</c>), so one person
/// can walk a case through. Never on unless asked for: <c>--trial</c> on the command line, <c>Trial:Enabled=true</c>
/// (<c>Trial__Enabled=true</c>), or the environment named <c>Trial</c>. When on, every page shows a trial banner and every
/// email is marked, so nobody takes a trial host's decisions for real ones. Without it the host keeps the national rules
/// whatever environment it runs in.
/// </summary>
public sealed record TrialMode(bool Enabled)
{
    public const string Switch = "--trial";
    public const string EnabledKey = "Trial:Enabled";
    public const string EnvironmentName = "Trial";
    public const string SettingsFile = "appsettings.Trial.json";

    public static TrialMode Off { get; } = new(false);

    /// <summary>The command line with <c>--trial</c> spelled as the configuration key it stands for.</summary>
    public static string[] ExpandSwitch(string[] args) =>
        args.Select(a => string.Equals(a, Switch, StringComparison.OrdinalIgnoreCase) ? $"--{EnabledKey}=true" : a).ToArray();

    public static TrialMode From(IConfiguration configuration, IHostEnvironment environment) =>
        new(configuration.GetValue<bool>(EnabledKey) || environment.IsEnvironment(EnvironmentName));

    /// <summary>
    /// Adds the trial's figures just above <c>appsettings.json</c> when trial mode is asked for, so an environment
    /// variable, the command line or the environment's own file still override any one of them. (In the environment
    /// named Trial the host loads the file itself.)
    /// </summary>
    public static TrialMode AddTrialSettings(ConfigurationManager configuration, IHostEnvironment environment)
    {
        var trial = From(configuration, environment);
        if (!trial.Enabled || environment.IsEnvironment(EnvironmentName)) return trial;
        var file = Path.Combine(AppContext.BaseDirectory, SettingsFile);
        if (!File.Exists(file)) throw new InvalidOperationException($"Trial mode needs {file}, which is missing from this build.");
        var sources = configuration.Sources;
        var after = -1;
        for (var i = 0; i < sources.Count; i++)
            if (sources[i] is JsonConfigurationSource { Path: "appsettings.json" }) after = i;
        sources.Insert(after + 1, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory), Path = SettingsFile, Optional = false, ReloadOnChange = false,
        });
        return trial;
    }
}

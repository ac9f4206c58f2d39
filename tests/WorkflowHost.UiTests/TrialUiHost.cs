namespace WorkflowHost.UiTests;

/// <summary>The host in trial mode (<c>Trial__Enabled=true</c>, as <c>dotnet run --project src/WorkflowHost -- --trial</c> gives).</summary>
public sealed class TrialUiHost : UiHost
{
    protected override IReadOnlyDictionary<string, string> ExtraEnvironment { get; } = new Dictionary<string, string> { ["Trial__Enabled"] = "true" };
}

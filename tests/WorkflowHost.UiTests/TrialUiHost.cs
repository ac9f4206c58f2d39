namespace WorkflowHost.UiTests;

/// <summary>The host in trial mode (<c>Trial:Enabled=true</c>, as <c>dotnet run --project src/WorkflowHost -- --trial</c> gives).</summary>
public sealed class TrialUiHost : UiHost
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string> { ["Trial:Enabled"] = "true" };
}

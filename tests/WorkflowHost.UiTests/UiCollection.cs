namespace WorkflowHost.UiTests;

/// <summary>
/// Every browser test class belongs here: xUnit then runs them one after another, so one host and one Chromium run at
/// a time (each class still has its own <see cref="UiHost"/>, so their data do not mix).
/// </summary>
[CollectionDefinition(Name)]
public sealed class UiCollection
{
    public const string Name = "browser";
}

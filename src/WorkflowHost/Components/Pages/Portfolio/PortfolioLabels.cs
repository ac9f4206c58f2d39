using Microsoft.Extensions.Localization;
using MudBlazor;
using TechTransfer.Portfolio;
using TechTransfer.Rewards;
using WorkflowHost.Localization;

namespace WorkflowHost.Components.Pages.Portfolio;

/// <summary>The portfolio's values as the pages show them, in the reader's language.</summary>
public static class PortfolioLabels
{
    public static string Kind(IStringLocalizer<PortfolioText> t, PatentKind? kind) => kind is { } k ? t[$"Kind_{k}"] : t["Kind_Unknown"];

    public static string Status(IStringLocalizer<PortfolioText> t, PatentLegalStatus status) => t[$"Status_{status}"];

    public static string Decision(IStringLocalizer<PortfolioText> t, FeeDecision? decision) => decision is { } d ? t[$"Decision_{d}"] : "";

    public static Color StatusColor(PatentLegalStatus status) => status switch
    {
        PatentLegalStatus.Valid => Color.Success,
        PatentLegalStatus.GracePeriod => Color.Warning,
        _ => Color.Default,
    };
}

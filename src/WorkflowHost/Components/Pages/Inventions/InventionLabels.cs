using System.Globalization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using TechTransfer.Inventions;
using WorkflowHost.Localization;

namespace WorkflowHost.Components.Pages.Inventions;

/// <summary>How the portal names statuses, stages (process ids), roles and recorded actions, from <see cref="InventionsText"/>.</summary>
public static class InventionLabels
{
    public static string Status(IStringLocalizer<InventionsText> t, InventionStatus status) => t[$"Status_{status}"];

    /// <summary>A stage is a process id; an unknown one (a process an administrator added) is shown as it is.</summary>
    public static string Stage(IStringLocalizer<InventionsText> t, string? processId) =>
        processId is null ? t["Stage_None"] : Known(t[$"Stage_{processId}"], processId);

    public static string Role(IStringLocalizer<InventionsText> t, string role) => Known(t[$"Role_{role}"], role);

    public static string Action(IStringLocalizer<InventionsText> t, string action) => Known(t[$"Action_{action}"], action);

    public static Color StatusColor(InventionStatus status) => status switch
    {
        InventionStatus.Draft => Color.Default,
        InventionStatus.Returned => Color.Warning,
        InventionStatus.Closed => Color.Dark,
        InventionStatus.Transferred => Color.Success,
        _ => Color.Info,
    };

    /// <summary>A byte count as people read it (KB, MB).</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / 1024d / 1024d).ToString("0.#", CultureInfo.CurrentCulture) + " MB",
        >= 1024 => (bytes / 1024d).ToString("0.#", CultureInfo.CurrentCulture) + " KB",
        _ => bytes + " B",
    };

    private static string Known(LocalizedString text, string fallback) => text.ResourceNotFound ? fallback : text.Value;
}

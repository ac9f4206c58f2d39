using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowHost.Localization;
using Workflows.Engine.Contracts;
using Workflows.Engine.Model;

namespace WorkflowHost.Notifications;

/// <summary>The placeholder values of one notification for one recipient, formatted in the recipient's language.</summary>
public static class NotificationValues
{
    public static Dictionary<string, string?> For(Notification n, UserContact recipient, NotificationOptions options)
    {
        var zh = recipient.Language.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var zone = options.Zone;
        var link = options.BaseUrl.TrimEnd('/') + (n.TaskId is { } task ? $"/tasks/{task}" : $"/instances/{n.InstanceId}");
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["recipientName"] = recipient.DisplayName ?? recipient.UserId,
            ["taskName"] = InLanguage(n.ElementName, n.ElementNames, recipient.Language) ?? n.ElementId,
            ["processName"] = InLanguage(n.ProcessName, n.ProcessNames, recipient.Language) ?? n.ProcessId,
            ["businessKey"] = n.BusinessKey ?? n.InstanceId.ToString(),
            ["instanceId"] = n.InstanceId.ToString(),
            ["dueAt"] = n.DueAt is { } due ? TimeDisplay.Format(due, zone, zh) : (zh ? "无" : "none"),
            ["offset"] = n.Offset is { } offset ? FormatSpan(offset, zh) : "",
            ["link"] = link,
            ["message"] = n.Variables.TryGetPropertyValue("message", out var m) ? m?.ToString() : null,
        };
        foreach (var (name, value) in n.Variables)
            if (value is JsonValue v) values["variables." + name] = v.ToString();
        return values;
    }

    private static string? InLanguage(string? name, IReadOnlyDictionary<string, string>? names, string language) =>
        names is null ? name : new LocalizedNames(names).Pick(name, language);

    private static string FormatSpan(TimeSpan span, bool zh) => span switch
    {
        { TotalDays: >= 1 } when span.TotalDays % 1 == 0 => zh ? $"{span.TotalDays:0} 天" : $"{span.TotalDays:0} day(s)",
        { TotalHours: >= 1 } when span.TotalHours % 1 == 0 => zh ? $"{span.TotalHours:0} 小时" : $"{span.TotalHours:0} hour(s)",
        { TotalMinutes: >= 1 } when span.TotalMinutes % 1 == 0 => zh ? $"{span.TotalMinutes:0} 分钟" : $"{span.TotalMinutes:0} minute(s)",
        _ => zh ? $"{span.TotalSeconds:0} 秒" : $"{span.TotalSeconds:0} second(s)",
    };
}

using WorkflowHost.Notifications;
using Workflows.Engine.Contracts;

namespace WorkflowHost.Tests.Email;

/// <summary>The email zone is looked up in one place (<see cref="NotificationOptions.Zone"/>): a deadline reads the same
/// hour as on the pages, and a zone the machine does not know is refused naming the key instead of becoming UTC.</summary>
public sealed class EmailTimeZoneTests
{
    private static readonly Notification Due = new()
    {
        Kind = "task-created", InstanceId = Guid.NewGuid(), ProcessId = "p", ElementId = "Task_Screen", Template = "task-created",
        DueAt = new DateTimeOffset(2026, 3, 2, 4, 22, 0, TimeSpan.Zero),
    };

    [Fact]
    public void A_deadline_in_an_email_is_in_the_configured_zone()
    {
        var values = NotificationValues.For(Due, new UserContact("u", "王五", "u@example.edu", "zh-CN", false), new NotificationOptions { TimeZone = "Asia/Shanghai" });
        Assert.Contains("12:22", values["dueAt"]);
    }

    [Fact]
    public void A_zone_this_machine_does_not_know_is_refused_naming_the_key_not_read_as_utc()
    {
        var options = new NotificationOptions { TimeZone = "Mars/Olympus_Mons" };
        var refused = Assert.Throws<InvalidOperationException>(() => NotificationValues.For(Due, new UserContact("u", null, "u@example.edu", "en", false), options));
        Assert.Contains("Email:TimeZone", refused.Message);
    }
}

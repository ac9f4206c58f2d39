using Microsoft.Extensions.Time.Testing;
using MimeKit;
using WorkflowHost.Email;

namespace WorkflowHost.Tests.Email;

/// <summary>
/// A reader polling the pickup folder (as the digest test and the UI do) never sees a half-written .eml file:
/// each is written under a temporary name and renamed. Before, System.Net.Mail wrote the .eml in place and a
/// reader could find it empty.
/// </summary>
public sealed class PickupFolderTests
{
    [Fact]
    public async Task A_reader_never_sees_a_partial_message_and_a_resend_replaces_the_file()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var rig = await DeliveryRig.CreateAsync(clock);
        var folder = Path.Combine(rig.Folder, "mail");
        var body = string.Concat(Enumerable.Repeat("技术转移 licence text. ", 20_000)); // about 400 KB per message
        var ids = new List<string>();
        for (var i = 0; i < 30; i++) ids.Add(await rig.AddAsync($"user{i}@example.edu", $"摘要 {i}", clock.GetUtcNow(), text: body, html: "<p>" + body + "</p>"));

        var partial = new List<string>();
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (Directory.Exists(folder))
                    foreach (var file in Directory.GetFiles(folder, "*.eml"))
                    {
                        try
                        {
                            await using var stream = File.OpenRead(file);
                            var message = await MimeMessage.LoadAsync(stream);
                            if (message.TextBody is not { } text || !text.Contains("licence text", StringComparison.Ordinal) || message.HtmlBody is null)
                                lock (partial) partial.Add(file);
                        }
                        catch (FileNotFoundException) { } // replaced while we looked: fine
                        catch (FormatException) { lock (partial) partial.Add(file); }
                    }
                await Task.Yield();
            }
        });
        while (await rig.Delivery.SendBatchAsync(default) > 0) { }
        stop.Cancel();
        await reader;

        Assert.Empty(partial);
        Assert.Equal(30, Directory.GetFiles(folder, "*.eml").Length);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories));

        // The same email written again (a crash before "sent" was recorded) replaces its file: one per Message-ID.
        var sender = new PickupFolderEmailSender(Microsoft.Extensions.Options.Options.Create(rig.Options),
            new WorkflowHost.Composition.HostSettings(Workflows.Persistence.DatabaseProvider.Sqlite, "", rig.Folder, rig.Folder));
        await using var connection = await sender.ConnectAsync(default);
        var again = await rig.RowAsync(ids[0]);
        await connection.SendAsync(MailMessages.Build(again.ToOutgoing(), rig.Options.Smtp.From), default);
        Assert.Equal(30, Directory.GetFiles(folder, "*.eml").Length);
    }
}

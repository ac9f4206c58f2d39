using Microsoft.Extensions.Options;
using MimeKit;
using WorkflowHost.Composition;
using WorkflowHost.Notifications;
using Workflows.Persistence;

namespace WorkflowHost.Email;

/// <summary>
/// With no SMTP server configured, each message is written as an .eml file, so the host works offline. The file
/// is written under a temporary name and then renamed, so a reader never sees half a message; it is named after
/// the Message-ID, so sending the same email again replaces the file instead of adding a second one. Emails name people
/// and cases: the folder is 0700 and each file 0600 (<see cref="OwnerOnlyFiles"/>).
/// </summary>
public sealed class PickupFolderEmailSender(IOptions<NotificationOptions> options, HostSettings settings) : IEmailSender
{
    public string Folder { get; } = Path.GetFullPath(options.Value.PickupPath, settings.DataPath);

    public Task<IEmailConnection> ConnectAsync(CancellationToken ct)
    {
        OwnerOnlyFiles.CreateFolder(Folder);
        return Task.FromResult<IEmailConnection>(new Connection(Folder));
    }

    private sealed class Connection(string folder) : IEmailConnection
    {
        public bool IsUsable => true;

        public async Task SendAsync(MimeMessage message, CancellationToken ct)
        {
            var name = new string((message.MessageId ?? Guid.NewGuid().ToString("N")).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
            var temporary = Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.tmp");
            try
            {
                await using (var stream = OwnerOnlyFiles.CreateNew(temporary))
                {
                    await message.WriteToAsync(MailMessages.Format, stream, ct);
                    await stream.FlushAsync(ct);
                    stream.Flush(flushToDisk: true);
                }
                File.Move(temporary, Path.Combine(folder, name + ".eml"), overwrite: true);
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

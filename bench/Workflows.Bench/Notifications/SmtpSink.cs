using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Workflows.Bench.Notifications;

/// <summary>
/// A minimal SMTP server that accepts every message and counts them (and their distinct Message-IDs), so that the
/// figure is the host's delivery rate, not a slow test server's. It speaks plain SMTP as MailKit needs it: EHLO, MAIL,
/// RCPT, DATA, RSET, NOOP, QUIT.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, int> _messageIds = new();
    private Task? _accepting;
    private int _received;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public int Received => Volatile.Read(ref _received);
    public int Duplicates => _messageIds.Values.Sum(n => n - 1);

    public void Start()
    {
        _listener.Start();
        _accepting = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
                catch (OperationCanceledException) { return; }
                _ = Task.Run(() => ServeAsync(client));
            }
        });
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        // A real server answers pipelined commands without Nagle's delay; with it, each reply after the first waits for
        // the client's delayed ACK (40 ms), and the figure would be the sink's, not ours.
        client.NoDelay = true;
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 sink ESMTP");
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO": await writer.WriteAsync("250-sink\r\n250-PIPELINING\r\n250 8BITMIME\r\n"); break;
                    case "HELO": await writer.WriteLineAsync("250 sink"); break;
                    case "DATA":
                        await writer.WriteLineAsync("354 go ahead");
                        string? messageId = null;
                        while (await reader.ReadLineAsync() is { } data && data != ".")
                            if (messageId is null && data.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase)) messageId = data[11..].Trim();
                        _messageIds.AddOrUpdate(messageId ?? Guid.NewGuid().ToString(), 1, (_, n) => n + 1);
                        Interlocked.Increment(ref _received);
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return;
                    default: await writer.WriteLineAsync("250 OK"); break; // MAIL, RCPT, RSET, NOOP
                }
            }
        }
        catch (IOException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        if (_accepting is not null) await _accepting;
    }
}

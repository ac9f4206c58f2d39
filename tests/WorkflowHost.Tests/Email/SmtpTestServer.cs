using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace WorkflowHost.Tests.Email;

/// <summary>
/// A real SMTP server for the tests: Debian's python3-aiosmtpd on a free 127.0.0.1 port, writing every message
/// it accepts into a Maildir the test reads. Installed by .ci/run.
/// </summary>
public sealed partial class SmtpTestServer : IAsyncDisposable
{
    private Process? _process;
    public int Port { get; }
    public string Maildir { get; }

    public SmtpTestServer(int? port = null)
    {
        Port = port ?? FreePort();
        Maildir = Path.Combine(Path.GetTempPath(), "wf-smtp", Guid.NewGuid().ToString("N"));
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task StartAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Maildir)!); // Python's Maildir creates only the last level
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var info = new ProcessStartInfo(python) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir }) info.ArgumentList.Add(a);
        _process = Process.Start(info)!;
        for (var i = 0; i < 100; i++)
        {
            if (_process.HasExited)
                throw new InvalidOperationException("aiosmtpd did not start (is Debian's python3-aiosmtpd installed?): " + await _process.StandardError.ReadToEndAsync());
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("aiosmtpd did not listen within 10 seconds");
    }

    public async Task StopAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Every message received so far, decoded enough to assert on.</summary>
    public IReadOnlyList<ReceivedMail> Messages()
    {
        var folder = Path.Combine(Maildir, "new");
        if (!Directory.Exists(folder)) return [];
        return Directory.GetFiles(folder).Select(f => ReceivedMail.Parse(File.ReadAllText(f))).ToList();
    }

    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(int count, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until && Messages().Count < count) await Task.Delay(200);
        return Messages();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}

/// <summary>A received message: its recipients, decoded subject, and decoded text of all parts.</summary>
public sealed partial record ReceivedMail(string To, string Subject, string MessageId, string Body)
{
    [GeneratedRegex(@"=\?utf-8\?([BQ])\?(.*?)\?=", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWord();

    public static ReceivedMail Parse(string raw)
    {
        raw = raw.Replace("\r\n", "\n"); // pickup .eml files use CRLF, the Maildir LF
        var headerEnd = raw.IndexOf("\n\n", StringComparison.Ordinal);
        var headers = Regex.Replace(raw[..Math.Max(0, headerEnd)], @"\r?\n[ \t]+", " ");
        string Header(string name) => Regex.Match(headers, $@"^{name}:\s*(.*)$", RegexOptions.Multiline | RegexOptions.IgnoreCase).Groups[1].Value.Trim();
        // Whitespace between two encoded words is not part of the text (RFC 2047).
        var subject = EncodedWord().Replace(Regex.Replace(Header("Subject"), @"\?=\s+=\?", "?==?"), m => m.Groups[1].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[2].Value))
            : QuotedPrintable(m.Groups[2].Value.Replace('_', ' ')));
        var body = new StringBuilder();
        foreach (Match part in Regex.Matches(raw, @"Content-Transfer-Encoding:\s*(base64|quoted-printable)\r?\n(?:[^\r\n]+\r?\n)*\r?\n(.*?)(?=\r?\n--|\z)", RegexOptions.Singleline | RegexOptions.IgnoreCase))
        {
            var content = part.Groups[2].Value;
            body.AppendLine(part.Groups[1].Value.Equals("base64", StringComparison.OrdinalIgnoreCase)
                ? Encoding.UTF8.GetString(Convert.FromBase64String(Regex.Replace(content, @"\s", "")))
                : QuotedPrintable(Regex.Replace(content, @"=\r?\n", "")));
        }
        return new ReceivedMail(Header("To"), subject, Header("Message-ID"), body.ToString());
    }

    private static string QuotedPrintable(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}

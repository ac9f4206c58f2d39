using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

using Workflows.Testing;

namespace WorkflowHost.Tests.Email;

/// <summary>
/// A real SMTP server for the tests: Debian's python3-aiosmtpd on a free 127.0.0.1 port, run by a small script
/// of ours that stores every accepted message's raw bytes in a Maildir the test reads. It can require STARTTLS
/// (or speak TLS from the start) with a certificate the test makes, require authentication, reject recipients
/// with a 5xx or 4xx, and drop the connection in the middle of a message. Installed by ./build.sh.
/// </summary>
public sealed partial class SmtpTestServer : IAsyncDisposable
{
    private const string Script = """
        import argparse, mailbox, ssl, threading
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        p = argparse.ArgumentParser()
        p.add_argument("--port", type=int, required=True)
        p.add_argument("--maildir", required=True)
        p.add_argument("--cert"); p.add_argument("--key"); p.add_argument("--implicit", action="store_true")
        p.add_argument("--user"); p.add_argument("--password")
        p.add_argument("--reject"); p.add_argument("--tempfail")
        p.add_argument("--drop"); p.add_argument("--drops", type=int, default=1)
        a = p.parse_args()

        class Handler:
            def __init__(self):
                self.box = mailbox.Maildir(a.maildir, create=True)
                self.drops = a.drops
            async def handle_RCPT(self, server, session, envelope, address, options):
                if a.reject and a.reject in address: return "550 5.1.1 <%s>: mailbox unavailable" % address
                if a.tempfail and a.tempfail in address: return "451 4.3.0 <%s>: try again later" % address
                envelope.rcpt_tos.append(address)
                return "250 OK"
            async def handle_DATA(self, server, session, envelope):
                if a.drop and self.drops > 0 and any(a.drop in r for r in envelope.rcpt_tos):
                    self.drops -= 1
                    server.transport.abort()  # the connection is gone before the server says anything
                    return "250 never sent"
                self.box.add(envelope.original_content)  # tmp/ then new/: a reader never sees half a file
                return "250 OK stored"

        def authenticate(server, session, envelope, mechanism, data):
            ok = data is not None and data.login == a.user.encode() and data.password == a.password.encode()
            return AuthResult(success=ok)

        kwargs = {}
        if a.cert:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(a.cert, a.key)
            if a.implicit: kwargs["ssl_context"] = context
            else: kwargs.update(tls_context=context, require_starttls=True)
        if a.user:
            kwargs.update(authenticator=authenticate, auth_required=True, auth_require_tls=bool(a.cert))
        controller = Controller(Handler(), hostname="127.0.0.1", port=a.port, **kwargs)
        controller.start()
        threading.Event().wait()
        """;

    private Process? _process;
    private readonly string[] _options;
    public int Port { get; }
    public string Maildir { get; }

    /// <param name="options">Script options: --cert FILE --key FILE [--implicit], --user U --password P, --reject TEXT, --tempfail TEXT, --drop TEXT [--drops N].</param>
    public SmtpTestServer(int? port = null, params string[] options)
    {
        Port = port ?? FreePort();
        Maildir = Path.Combine(Path.GetTempPath(), "wf-smtp", Guid.NewGuid().ToString("N"));
        _options = options;
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
        var script = Path.Combine(Path.GetDirectoryName(Maildir)!, "smtp-test-server.py");
        await File.WriteAllTextAsync(script + ".tmp", Script);
        File.Move(script + ".tmp", script, overwrite: true);
        // Debian's python3 (where python3-aiosmtpd lives), not whichever python3 is first on PATH.
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var info = new ProcessStartInfo(python) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { script, "--port", Port.ToString(CultureInfo.InvariantCulture), "--maildir", Maildir }.Concat(_options)) info.ArgumentList.Add(a);
        _process = Process.Start(info)!;
        await Eventually.HoldsAsync("aiosmtpd listening", async () =>
        {
            if (_process.HasExited)
                throw new InvalidOperationException("aiosmtpd did not start (is Debian's python3-aiosmtpd installed? ./build.sh installs it): " + await _process.StandardError.ReadToEndAsync());
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return true;
            }
            catch (SocketException) { return false; }
        });
    }

    public async Task StopAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>The raw bytes of every message received so far.</summary>
    public IReadOnlyList<byte[]> RawMessages()
    {
        var folder = Path.Combine(Maildir, "new");
        if (!Directory.Exists(folder)) return [];
        return Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
    }

    /// <summary>Every message received so far, decoded enough to assert on.</summary>
    public IReadOnlyList<ReceivedMail> Messages() => RawMessages().Select(b => ReceivedMail.Parse(Encoding.UTF8.GetString(b))).ToList();

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived; returns all received so far.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(int count)
    {
        await Eventually.HoldsAsync($"{count} message(s) at the SMTP server", () => RawMessages().Count >= count,
            state: () => Task.FromResult("received: " + string.Join("; ", Messages().Select(m => m.Subject))));
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

using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WorkflowHost.UiTests;

/// <summary>Another site: one page, whatever is asked, from a listener of its own on a free loopback port.</summary>
public sealed class AttackerSite : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public int Port { get; }

    private AttackerSite(string html)
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        _listener.Prefixes.Add($"http://*:{Port}/");
        _listener.Start();
        var body = Encoding.UTF8.GetBytes(html);
        _serving = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        });
    }

    public static AttackerSite Start(string html) => new(html);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}

using System.Net.Sockets;
using System.Text;

namespace WorkflowHost.Tests.Identity;

/// <summary>
/// An HTTP/1.1 request sent as written, over a socket: HttpClient and Uri would tidy a target such as
/// <c>/register/.</c> or <c>/%72egister</c> before sending it, and an attacker's client does not.
/// </summary>
public static class RawHttp
{
    public static async Task<(int Status, string Response)> SendAsync(Uri server, string method, string target, string? json = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using var stream = tcp.GetStream();
        var body = Encoding.UTF8.GetBytes(json ?? "");
        var head = new StringBuilder()
            .Append($"{method} {target} HTTP/1.1\r\n")
            .Append($"Host: {server.Authority}\r\n")
            .Append(json is null ? "" : "Content-Type: application/json\r\n")
            .Append($"Content-Length: {body.Length}\r\n")
            .Append("Connection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        await stream.WriteAsync(body);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var statusLine = response.Split("\r\n", 2)[0]; // HTTP/1.1 404 Not Found
        return (int.Parse(statusLine.Split(' ')[1]), response);
    }
}

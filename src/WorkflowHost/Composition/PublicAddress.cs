namespace WorkflowHost.Composition;

/// <summary>
/// The address users open (<c>Email:BaseUrl</c>), which every link in an email and on the public notice board starts
/// with, and which cookie-changing requests may come from. Resolved once at start-up and written back into the
/// configuration, so every reader sees the same one:
/// <list type="bullet">
/// <item>set: it must be an absolute http(s) address without query (https://name[:port][/path]), or the host refuses to start;</item>
/// <item>not set, and the host listens on its own machine only (<c>Urls</c> all loopback, as the README's run command):
/// that address, which is the one its user opens;</item>
/// <item>not set, and the host listens beyond its machine (0.0.0.0, *, a name): the listening address is not what users
/// open (a proxy, a name, https in front), so outside Development the host refuses to start, asking for <c>Email:BaseUrl</c>;
/// Development takes the listening address with <c>localhost</c> for a wildcard.</item>
/// </list>
/// </summary>
public static class PublicAddress
{
    public const string Key = "Email:BaseUrl";

    /// <summary>Kestrel's own default when nothing says where to listen.</summary>
    private const string KestrelDefault = "http://localhost:5000";

    public sealed record Resolved(string Address, bool Derived);

    public static Resolved Apply(IConfiguration configuration, IHostEnvironment environment)
    {
        var resolved = Resolve(configuration, environment);
        configuration[Key] = resolved.Address;
        return resolved;
    }

    public static Resolved Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration[Key] is { } configured && !string.IsNullOrWhiteSpace(configured))
        {
            var text = configured.Trim();
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
                throw new InvalidOperationException($"{Key} = '{configured}' is not the address users open: write it as https://name[:port][/path].");
            return new Resolved(text.TrimEnd('/'), Derived: false);
        }
        var urls = (configuration["urls"] ?? KestrelDefault).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0) urls = [KestrelDefault];
        if (urls.All(IsLoopback)) return new Resolved(urls[0].TrimEnd('/'), Derived: true);
        if (environment.IsDevelopment())
            return new Resolved(WildcardAsLocalhost(urls[0]).TrimEnd('/'), Derived: true);
        throw new InvalidOperationException(
            $"{Key} is not set, and this host listens on {string.Join(", ", urls)}, which is not an address users open: the links in emails " +
            $"and on the notice board would lead nowhere. Set {Key} to the address users open (for example Email__BaseUrl=https://techtransfer.example.edu).");
    }

    private static bool IsLoopback(string url)
    {
        var host = HostOf(url);
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
               || System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip);
    }

    // Urls may hold wildcards (http://*:80, http://+:80) that are no valid URI host: read the host between :// and the port.
    private static string HostOf(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal) is var i and >= 0 ? i + 3 : 0;
        var rest = url[start..];
        var end = rest.StartsWith('[') ? rest.IndexOf(']') + 1 : rest.IndexOfAny([':', '/']);
        return end <= 0 ? rest : rest[..end];
    }

    private static string WildcardAsLocalhost(string url)
    {
        var host = HostOf(url);
        return host is "*" or "+" or "0.0.0.0" or "[::]" ? url.Replace("://" + host, "://localhost", StringComparison.Ordinal) : url;
    }
}

namespace WorkflowHost.Security;

/// <summary>
/// The origins besides a request's own (<c>scheme://host[:port]</c> as it reached the host, after forwarded headers)
/// whose pages may change data with a user's cookie: the public address (<c>Email:BaseUrl</c>) and
/// <c>Security:AllowedOrigins</c> (a list of <c>https://name[:port]</c>), for a proxy that rewrites the Host header.
/// </summary>
public sealed class OriginCheckOptions
{
    public List<Uri> AllowedOrigins { get; } = [];

    public static OriginCheckOptions From(IConfiguration configuration)
    {
        var options = new OriginCheckOptions();
        if (configuration["Email:BaseUrl"] is { Length: > 0 } publicAddress && Uri.TryCreate(publicAddress, UriKind.Absolute, out var address))
            options.AllowedOrigins.Add(address);
        foreach (var entry in configuration.GetSection("Security:AllowedOrigins").GetChildren())
        {
            if (!Uri.TryCreate(entry.Value, UriKind.Absolute, out var origin) || origin.Scheme is not ("http" or "https"))
                throw new InvalidOperationException($"{entry.Path} = '{entry.Value}' is not an origin (https://name[:port]).");
            options.AllowedOrigins.Add(origin);
        }
        return options;
    }
}

using System.Net;
using System.Net.Sockets;

namespace WorkflowHost.Security.RateLimiting;

/// <summary>
/// The client address a per-address limit counts: the connection's remote address (behind a proxy, what the forwarded
/// headers made it), IPv4 as it is, IPv6 by its /64 network, since one machine commonly holds a whole /64.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext context) => Of(context.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}

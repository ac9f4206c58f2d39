using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace WorkflowHost.Tests;

/// <summary>
/// Test-only: the in-memory test server has no client address, so a request says which one it comes from in the
/// <c>X-Test-Client-Address</c> header and this first middleware makes it the connection's address, as a real client's
/// would be. Lets one test be several attackers and the account's owner, or a request arrive from a proxy at that address
/// (the forwarded-headers tests).
/// </summary>
public sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public static void Register(IServiceCollection services) => services.AddTransient<IStartupFilter, TestClientAddress>();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var address)) context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
            return following(context);
        });
        next(app);
    };
}

/// <summary>Clients of a host that come from a given address, with or without a cookie jar (a browser keeps its cookies).</summary>
public static class TestClients
{
    public static HttpClient From(this WebApplicationFactory<Program> host, string address, bool cookies = false)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = cookies, AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, address);
        return client;
    }
}

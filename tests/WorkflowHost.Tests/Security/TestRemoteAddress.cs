using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace WorkflowHost.Tests.Security;

/// <summary>
/// The test server has no TCP connection: this sets the connection's remote address from the test-only header
/// <see cref="Header"/>, first in the pipeline, as a request from a proxy at that address would arrive.
/// </summary>
public sealed class TestRemoteAddress : IStartupFilter
{
    public const string Header = "X-Test-Remote-Address";

    public static void Register(IServiceCollection services) => services.AddTransient<IStartupFilter, TestRemoteAddress>();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var address)) context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
            return nextMiddleware(context);
        });
        next(app);
    };
}

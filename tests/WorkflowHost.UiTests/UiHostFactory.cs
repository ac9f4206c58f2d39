using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Workflows.Testing;

namespace WorkflowHost.UiTests;

/// <summary>
/// The host under test in the test process, on Kestrel (Chromium needs a real socket) at a free 127.0.0.1 port, in
/// the automated tests' environment (<c>Testing</c>: production in all but the legal floors, which its windows of minutes
/// are below; see LegalFloorValidation), with these settings, on <paramref name="clock"/>, logging every line to <paramref name="log"/>.
/// </summary>
internal sealed class UiHostFactory(IReadOnlyDictionary<string, string> settings, TimeProvider clock, Action<string> log) : WebApplicationFactory<Program>
{
    /// <summary>Starts the host and returns its base address.</summary>
    public string Start()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        return Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(new LineLogger(log))); // into the fixture's log, not the console
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton(clock);
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = TestPasswordHashing.Iterations);
        });
    }

    /// <summary>Writes each log entry as one line, as the console would.</summary>
    private sealed class LineLogger(Action<string> write) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            write($"[host {logLevel}] {formatter(state, exception)}{(exception is null ? "" : "\n" + exception)}");
        public void Dispose() { }
    }
}

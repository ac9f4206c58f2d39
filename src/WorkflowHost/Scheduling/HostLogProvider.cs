using System.Runtime.CompilerServices;
using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace WorkflowHost.Scheduling;

/// <summary>
/// Hangfire's log provider is process-wide, and its objects take their loggers when they are made, while logger
/// factories belong to one host. A process that runs several hosts (the test suite) must not log one host's jobs to
/// another's loggers, nor fail once that other host is gone. So the one provider installed routes each log call to
/// the host whose Hangfire made it: a host's job storage is made, and its server started, inside
/// <see cref="Enter"/>, and the server's threads inherit that scope. A call outside every scope (the dashboard)
/// goes to the host that entered last; a stopped host's loggers log nothing.
/// </summary>
public sealed class HostLogProvider : ILogProvider
{
    public static readonly HostLogProvider Instance = new();

    private static readonly AsyncLocal<ILoggerFactory?> Scope = new();
    private static volatile ILoggerFactory? _latest;

    private HostLogProvider() { }

    /// <summary>Hangfire logs to <paramref name="factory"/> until the result is disposed, and so do threads started meanwhile.</summary>
    public static IDisposable Enter(ILoggerFactory factory)
    {
        var previous = Scope.Value;
        Scope.Value = factory;
        _latest = factory;
        return new Exit(previous);
    }

    public ILog GetLogger(string name) => new Routed(name);

    private sealed class Exit(ILoggerFactory? previous) : IDisposable
    {
        public void Dispose() => Scope.Value = previous;
    }

    /// <summary>One of Hangfire's loggers: finds the host's logger when it logs, not when it is made.</summary>
    private sealed class Routed(string name) : ILog
    {
        private readonly ConditionalWeakTable<ILoggerFactory, ILog> _byHost = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if ((Scope.Value ?? _latest) is not { } factory) return false;
            try
            {
                return _byHost.GetValue(factory, f => new AspNetCoreLogProvider(f).GetLogger(name)).Log(logLevel, messageFunc, exception);
            }
            catch (ObjectDisposedException)
            {
                return false; // that host has stopped
            }
        }
    }
}

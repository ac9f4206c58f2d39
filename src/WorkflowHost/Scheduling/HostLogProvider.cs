using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace WorkflowHost.Scheduling;

/// <summary>
/// Hangfire's log provider is process-wide while logger factories belong to one host. When a process runs several
/// hosts one after another (the test suite), a host's stopped factory must not break the next one's Hangfire:
/// a logger asked of a disposed factory logs nothing instead of throwing.
/// </summary>
public sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}

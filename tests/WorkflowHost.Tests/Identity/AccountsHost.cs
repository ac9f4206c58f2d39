using Microsoft.Extensions.DependencyInjection;
using Workflows.Persistence;
using Workflows.Testing;

namespace WorkflowHost.Tests.Identity;

/// <summary>The real host on a fresh test database (SQLite file or PostgreSQL), started again on demand on the same database.</summary>
public sealed class AccountsHost : IAsyncDisposable
{
    private readonly TestDatabase _db;
    private readonly string _data;
    private readonly string _workflows;
    private readonly List<HostFactory> _hosts = [];

    private AccountsHost(TestDatabase db, string data, string workflows)
    {
        _db = db;
        _data = data;
        _workflows = workflows;
    }

    public static TheoryData<DatabaseProvider> Providers => new(TestDatabase.Providers);

    public static async Task<AccountsHost> CreateAsync(DatabaseProvider provider)
    {
        var db = await TestDatabase.CreateAsync(provider, migrate: false);
        var (data, workflows) = HostFactory.NewFolders();
        return new AccountsHost(db, data, workflows);
    }

    /// <summary>Starts a host (the first, or the same installation again) and waits until it serves.</summary>
    public HostFactory Start(IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = HostFactory.DatabaseSettings(_db);
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) all[k] = v;
        var host = new HostFactory(_data, _workflows, all, services);
        _ = host.Server; // starts it: migrations, roles, the first administrator
        _hosts.Add(host);
        return host;
    }

    /// <summary>
    /// Starts a host on real Kestrel (127.0.0.1, a free port) for requests a client library would not send as written
    /// (dot segments, encoded characters): its base address.
    /// </summary>
    public (HostFactory Host, Uri Address) StartOnKestrel(IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = HostFactory.DatabaseSettings(_db);
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) all[k] = v;
        var host = new HostFactory(_data, _workflows, all);
        host.UseKestrel(0);
        host.StartServer();
        _hosts.Add(host);
        var addresses = host.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        return (host, new Uri(addresses.First()));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        await _db.DisposeAsync();
    }
}

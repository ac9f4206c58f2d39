using System.Globalization;

namespace Workflows.Bench;

/// <summary>
/// Command-line options. <c>--scenario</c>: <c>all</c> (every figure below, in one run), <c>serial</c> (single-task and
/// approval, one command at a time), <c>single-task</c>, <c>approval</c>, <c>concurrent</c> (1/8/32 clients in process),
/// <c>http</c> (the same over the real HTTP API), <c>timers</c>, <c>notifications</c>, <c>inbox</c>, <c>peers</c>,
/// <c>portfolio-import</c> (a register of <c>--portfolio-rows</c> patents previewed and imported).
/// </summary>
public sealed record BenchOptions(
    int Instances, int MemoryInstances, string Scenario, string DataFolder, string? Postgres, int[] Clients,
    int ConcurrentInstances, int HttpInstances, int Timers, int Notifications, int[] InboxSizes, int PeerRounds, int PeerInstances, int PortfolioRows = 10_000)
{
    public const string Usage = "use --scenario all|serial|single-task|approval|concurrent|http|timers|notifications|inbox|peers|portfolio-import, --instances N, " +
                                "--memory-instances N, --clients 1,8,32, --concurrent-instances N, --http-instances N, --timers N, " +
                                "--notifications N, --inbox 100000,1000000, --peer-rounds N, --peer-instances N, --portfolio-rows N, --postgres CONNECTION, --data DIR";

    public static BenchOptions Parse(string[] args)
    {
        var instances = 2000;
        int? memory = null;
        var scenario = "all";
        var data = Path.Combine(Path.GetTempPath(), "workflows-bench");
        var postgres = Environment.GetEnvironmentVariable("WORKFLOWS_BENCH_POSTGRES") is { Length: > 0 } p ? p
            : Environment.GetEnvironmentVariable("WORKFLOWS_TEST_POSTGRES") is { Length: > 0 } t ? t : null;
        int[] clients = [1, 8, 32];
        var concurrent = 3200;
        var http = 320;
        var timers = 100_000;
        var notifications = 100_000;
        int[] inbox = [100_000, 1_000_000];
        var rounds = 3;
        var peerInstances = 1000;
        var portfolioRows = 10_000;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.Parse(Next(), CultureInfo.InvariantCulture);
            int[] Numbers() => Next().Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray();
            switch (args[i])
            {
                case "--instances": instances = Number(); break;
                case "--memory-instances": memory = Number(); break;
                case "--scenario": scenario = Next(); break;
                case "--data": data = Next(); break;
                case "--postgres": postgres = Next(); break;
                case "--clients": clients = Numbers(); break;
                case "--concurrent-instances": concurrent = Number(); break;
                case "--http-instances": http = Number(); break;
                case "--timers": timers = Number(); break;
                case "--notifications": notifications = Number(); break;
                case "--inbox": inbox = Numbers(); break;
                case "--peer-rounds": rounds = Number(); break;
                case "--peer-instances": peerInstances = Number(); break;
                case "--portfolio-rows": portfolioRows = Number(); break;
                default: throw new ArgumentException($"unknown option {args[i]}; {Usage}");
            }
        }
        return new BenchOptions(instances, memory ?? Math.Max(instances * 10, 20_000), scenario, data, postgres, clients, concurrent, http,
            timers, notifications, inbox, rounds, peerInstances, portfolioRows);
    }

    public bool Runs(string name) => Scenario == "all" || Scenario == name;

    /// <summary>The stores a figure is measured on: SQLite, and PostgreSQL when a server is given.</summary>
    public IEnumerable<Workflows.Persistence.DatabaseProvider> Providers =>
        Postgres is null ? [Workflows.Persistence.DatabaseProvider.Sqlite] : [Workflows.Persistence.DatabaseProvider.Sqlite, Workflows.Persistence.DatabaseProvider.Postgres];
}

using System.Globalization;

namespace Workflows.Bench;

/// <summary>Command-line options: <c>--instances N</c>, <c>--memory-instances N</c>, <c>--scenario single-task|approval|all|timers</c>, <c>--data DIR</c>.</summary>
public sealed record BenchOptions(int Instances, int MemoryInstances, string Scenario, string DataFolder)
{
    public static BenchOptions Parse(string[] args)
    {
        var instances = 2000;
        int? memory = null;
        var scenario = "all";
        var data = Path.Combine(Path.GetTempPath(), "workflows-bench-" + Environment.ProcessId);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--instances": instances = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--memory-instances": memory = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--scenario": scenario = Next(); break;
                case "--data": data = Next(); break;
                default: throw new ArgumentException($"unknown option {args[i]}; use --instances N, --memory-instances N, --scenario single-task|approval|all|timers, --data DIR");
            }
        }
        return new BenchOptions(instances, memory ?? Math.Max(instances * 10, 20_000), scenario, data);
    }
}

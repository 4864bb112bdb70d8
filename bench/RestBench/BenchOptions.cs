using System.Globalization;

namespace MikroNet.RestBench;

internal sealed record BenchOptions(int Clients, int Seconds, int Connections, int Threads, int ListClients, int RouterClients,
    string[] Only, bool Hold, int Warmup)
{
    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions(1000, 10, 32, 2, 10_000, 100, [], false, 10);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (args[i] == "--hold")
            {
                o = o with { Hold = true };
                i--;
                continue;
            }
            if (args[i] == "--only")
            {
                o = o with { Only = args[i + 1].Split(',') };
                continue;
            }
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--clients" => o with { Clients = value },
                "--seconds" => o with { Seconds = value },
                "--connections" => o with { Connections = value },
                "--threads" => o with { Threads = value },
                "--list-clients" => o with { ListClients = value },
                "--router-clients" => o with { RouterClients = value },
                "--warmup" => o with { Warmup = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }
        return o;
    }

    /// <summary>Whether a scenario runs: all of them unless --only names some (details,payment,graphql,graphql-uncached,list).</summary>
    public bool Runs(string scenario) => Only.Length == 0 || Only.Contains(scenario);
}

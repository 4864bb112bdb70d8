using System.Globalization;

namespace MikroNet.RestBench;

internal sealed record BenchOptions(int Clients, int Seconds, int Connections, int Threads, int ListClients, int RouterClients)
{
    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions(1000, 10, 32, 2, 10_000, 100);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--clients" => o with { Clients = value },
                "--seconds" => o with { Seconds = value },
                "--connections" => o with { Connections = value },
                "--threads" => o with { Threads = value },
                "--list-clients" => o with { ListClients = value },
                "--router-clients" => o with { RouterClients = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }
        return o;
    }
}

using System.Globalization;

namespace MikroNet.RestBench;

internal sealed record ScenarioResult(Scenario Scenario, int Connections, LoadResult App, LoadResult Alone,
    double HostCpuMs, double DbCpuMs, double AloneDbCpuMs, double DbStatements, List<(string Query, long Calls)> Statements,
    double RssPeak)
{
    public RelayResult? Relay { get; init; }

    /// <summary>Reads sent per round trip during the load (the host's read lanes), when any went through them.</summary>
    public double? ReadsPerRoundTrip { get; init; }

    /// <summary>Payments committed per shared transaction during the load, when any went through the lanes.</summary>
    public double? PaymentsPerTransaction { get; init; }

    /// <summary>pgbench running the host's own statements for this work (<see cref="Scenario.HostStatementsScript"/>).</summary>
    public LoadResult? HostStatementsAlone { get; init; }
}

/// <summary>The relay's run: its rate, and CPU per request of the relay and of PostgreSQL.</summary>
internal sealed record RelayResult(LoadResult Load, double CpuMs, double DbCpuMs);

/// <summary>Collects the figures and prints them with the targets of issue 11.</summary>
internal sealed class Report(BenchOptions options)
{
    private readonly List<(ScenarioResult Result, (double Statements, double Checkouts, List<string> Sample)? Counts)> _rows = [];

    public double RssIdleStart { get; set; }
    public double RssIdleAfter { get; set; }
    public int ListBytes { get; set; }
    public Dictionary<string, List<double>>? Router { get; set; }
    public string LoadAfter { get; set; } = "";
    public bool TargetsMet { get; private set; } = true;

    public void Add(ScenarioResult result, (double, double, List<string>)? counts) => _rows.Add((result, counts));

    public void Print()
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine("| work | MikroNet req/s | database alone /s | ratio | p50 | p99 | errors | round trips; statements per req (Npgsql; PostgreSQL) | EF checkouts/req | host CPU/req | PostgreSQL CPU/req (alone) | peak RSS |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (r, counts) in _rows)
        {
            var ratio = r.App.Rate / r.Alone.Rate;
            var hot = counts is not null;
            Console.WriteLine(string.Format(c,
                "| {0} (-c{1}) | {2:F0} | {3:F0} | {4:F2}x | {5:F1} ms | {6:F1} ms | {7} | {8}{9:F1} | {10} | {11:F2} ms | {12:F2} ms ({13:F2} ms) | {14:F0} MiB |",
                r.Scenario.Title, r.Connections, r.App.Rate, r.Alone.Rate, ratio, r.App.P50, r.App.P99, r.App.Errors,
                hot ? string.Format(c, "{0:F1}; ", counts!.Value.Statements) : "", r.DbStatements,
                hot ? counts!.Value.Checkouts.ToString("F1", c) : "–", r.HostCpuMs, r.DbCpuMs, r.AloneDbCpuMs, r.RssPeak));
            if (hot)
            {
                var met = ratio >= 0.5 && r.App.P99 <= 25 && r.App.Errors == 0 && r.RssPeak <= 200
                    && (r.Scenario != Scenario.Details || r.DbStatements <= 3);
                TargetsMet &= met;
            }
        }
        Console.WriteLine();
        foreach (var (r, _) in _rows.Where(row => row.Result.HostStatementsAlone is not null))
            Console.WriteLine(string.Format(c, "{0}: pgbench running the host's own statements {1:F0}/s, MikroNet at {2:F2}x of it (not a target)",
                r.Scenario.Title, r.HostStatementsAlone!.Rate, r.App.Rate / r.HostStatementsAlone.Rate));
        foreach (var (r, _) in _rows.Where(row => row.Result.ReadsPerRoundTrip is not null))
            Console.WriteLine(string.Format(c, "{0}: {1:F1} reads per round trip under the load (mikronet_db_read_batch_size)",
                r.Scenario.Title, r.ReadsPerRoundTrip));
        foreach (var (r, _) in _rows.Where(row => row.Result.PaymentsPerTransaction is not null))
            Console.WriteLine(string.Format(c, "{0}: {1:F1} payments per shared transaction under the load (mikronet_db_shared_transaction_size)",
                r.Scenario.Title, r.PaymentsPerTransaction));
        Console.WriteLine(string.Format(c, "host RSS: {0:F0} MiB idle after start, {1:F0} MiB idle after the load", RssIdleStart, RssIdleAfter));
        Console.WriteLine(string.Format(c, "GET /client answer at {0} clients: {1:F1} MiB", options.ListClients, ListBytes / 1048576.0));
        foreach (var (r, counts) in _rows)
        {
            Console.WriteLine($"\n{r.Scenario.Title}: statements per request as PostgreSQL counted them");
            foreach (var (query, calls) in r.Statements.Take(8))
                Console.WriteLine(string.Format(c, "  {0,6:F2}  {1}", calls / (double)r.App.Requests, OneLine(query)));
            if (counts is { Sample: var sample })
                foreach (var s in sample) Console.WriteLine("  EF: " + OneLine(s));
        }
        if (Router is not null)
        {
            Console.WriteLine();
            foreach (var (kind, times) in Router)
            {
                times.Sort();
                var p99 = times[(int)Math.Ceiling(times.Count * 0.99) - 1];
                Console.WriteLine(string.Format(c, "change -> router, {0,-8}: n={1} p50 {2:F1} ms  p99 {3:F1} ms  max {4:F1} ms",
                    kind, times.Count, times[times.Count / 2], p99, times[^1]));
                TargetsMet &= p99 < 200;
            }
        }
        Console.WriteLine();
        Console.WriteLine("The floor: the same load against a relay that only sends each request's baseline statements to PostgreSQL");
        Console.WriteLine("| work | relay req/s | relay / database alone | MikroNet / relay | p99 | errors | relay CPU/req | PostgreSQL CPU/req |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var (r, _) in _rows)
            if (r.Relay is { } relay)
                Console.WriteLine(string.Format(c, "| {0} | {1:F0} | {2:F2}x | {3:F2}x | {4:F1} ms | {5} | {6:F3} ms | {7:F3} ms |",
                    r.Scenario.Title, relay.Load.Rate, relay.Load.Rate / r.Alone.Rate, r.App.Rate / relay.Load.Rate,
                    relay.Load.P99, relay.Load.Errors, relay.CpuMs, relay.DbCpuMs));
        Console.WriteLine($"\nload average after: {LoadAfter}");
        Console.WriteLine(TargetsMet ? "targets met" : "TARGETS MISSED");
    }

    private static string OneLine(string sql)
    {
        var flat = string.Join(' ', sql.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        return flat.Length > 140 ? flat[..140] + "…" : flat;
    }
}

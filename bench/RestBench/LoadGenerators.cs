using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using MikroNet.Infrastructure.LocalPostgres;

namespace MikroNet.RestBench;

internal sealed record LoadResult(double Rate, long Requests, long Errors, double P50, double P99, string Raw);

/// <summary>wrk against the host and pgbench against the database, both with the same connections and duration.</summary>
internal static partial class LoadGenerators
{
    public static async Task<LoadResult> WrkAsync(string url, string script, int threads, int connections, int seconds,
        IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-t", $"{threads}", "-c", $"{connections}", "-d", $"{seconds}s", "--latency", "-s", Script(script), url })
            start.ArgumentList.Add(a);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var output = await RunAsync(start);
        var requests = long.Parse(Match(RequestsLine(), output), CultureInfo.InvariantCulture);
        var errors = NonSuccessLine().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socketErrors = SocketErrorsLine().Match(output) is { Success: true } s
            ? s.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture)) : 0;
        return new LoadResult(double.Parse(Match(RateLine(), output), CultureInfo.InvariantCulture), requests,
            errors + socketErrors, Latency(output, "50%"), Latency(output, "99%"), output);
    }

    public static async Task<LoadResult> PgBenchAsync(int port, string? password, string database, string script, int threads,
        int connections, int seconds, int clients)
    {
        var bin = PgBench();
        var start = new ProcessStartInfo(bin) { RedirectStandardOutput = true, RedirectStandardError = true };
        // The private cluster asks for its generated password (scram-sha-256), like every local cluster.
        if (password is not null) start.Environment["PGPASSWORD"] = password;
        foreach (var a in new[]
                 {
                     "-h", "127.0.0.1", "-p", $"{port}", "-U", "postgres", "-n", "-M", "prepared", "-c", $"{connections}",
                     "-j", $"{threads}", "-T", $"{seconds}", "-D", $"clients={clients}", "-f", Script(script), database,
                 })
            start.ArgumentList.Add(a);
        var output = await RunAsync(start);
        var rate = double.Parse(Match(TpsLine(), output), CultureInfo.InvariantCulture);
        var transactions = long.Parse(Match(TransactionsLine(), output), CultureInfo.InvariantCulture);
        var failed = FailedLine().Match(output) is { Success: true } f ? long.Parse(f.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var average = double.Parse(Match(AverageLatencyLine(), output), CultureInfo.InvariantCulture);
        return new LoadResult(rate, transactions, failed, average, double.NaN, output);
    }

    /// <summary>Beside the server binaries, else in the newest /usr/lib/postgresql/*/bin, else on PATH.</summary>
    private static string PgBench()
    {
        var beside = Path.Combine(PostgresBinaries.Locate(null), "pgbench");
        if (File.Exists(beside)) return beside;
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pgbench"))
                .Where(File.Exists).OrderDescending().FirstOrDefault()
            : null;
        return debian ?? "pgbench";
    }

    private static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "scripts", name);

    private static async Task<string> RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        if (process.ExitCode != 0) throw new InvalidOperationException($"{start.FileName} failed: {output}");
        return output;
    }

    private static string Match(Regex regex, string output) =>
        regex.Match(output) is { Success: true } m ? m.Groups[1].Value
            : throw new InvalidOperationException($"Unexpected output ({regex}):\n{output}");

    /// <summary>wrk prints "50%    2.90ms"; units are us, ms or s.</summary>
    private static double Latency(string output, string percentile)
    {
        var m = Regex.Match(output, $@"^\s*{Regex.Escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!m.Success) return double.NaN;
        var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RateLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccessLine();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsLine();

    [GeneratedRegex(@"tps = ([\d.]+)")]
    private static partial Regex TpsLine();

    [GeneratedRegex(@"number of transactions actually processed: (\d+)")]
    private static partial Regex TransactionsLine();

    [GeneratedRegex(@"number of failed transactions: (\d+)")]
    private static partial Regex FailedLine();

    [GeneratedRegex(@"latency average = ([\d.]+) ms")]
    private static partial Regex AverageLatencyLine();
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using MikroNet.Infrastructure.LocalPostgres;
using MikroNet.Tests.Graph;
using Npgsql;

namespace MikroNet.GraphBench;

/// <summary>
/// Reads 1,000 clients × 3 periods × (1 invoice + 2 payments) through /graphql of a real host (Kestrel, in this
/// process) and the same tree through one hand-written json_agg statement, and prints both with the ratio and the
/// number of SQL statements /graphql ran. `dotnet run -c Release --project bench/GraphBench [-- clients rounds]`
/// </summary>
internal static class Program
{
    public const string Query = """
        query Bench($first: Int!) { clients(first: $first) { nodes {
          clientId name phoneNumber status
          subscriptions { subscriptionId startDate endDate status
            invoices { invoiceId number invoiceDate dueDate totalAmount amountPaid invoiceStatus
              payments { paymentId amount paymentDate paymentMethod paymentStatus reference } } } } } }
        """;

    private static async Task<int> Main(string[] args)
    {
        var clients = args.Length > 0 ? int.Parse(args[0]) : 1000;
        var rounds = args.Length > 1 ? int.Parse(args[1]) : 20;
        var folder = Path.Combine(Path.GetTempPath(), "mikronet-graphbench-" + Guid.NewGuid().ToString("N")[..8]);
        var postgres = await LocalPostgresServer.StartAsync(new LocalPostgresOptions { Durable = false },
            Path.Combine(folder, "postgres"), NullLogger.Instance);
        try
        {
            await postgres.EnsureDatabaseAsync("graphbench");
            var connectionString = postgres.ConnectionString("graphbench");

            var port = FreePort();
            var baseUrl = $"http://127.0.0.1:{port}";
            var host = StartHost(baseUrl, connectionString, Path.Combine(folder, "data"));
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
            await WaitReadyAsync(http, host);

            await http.PostAsJsonAsync("/auth/register", new { username = "bench", password = "bench-password-1" });
            var login = await (await http.PostAsJsonAsync("/auth/login", new { username = "bench", password = "bench-password-1" }))
                .Content.ReadFromJsonAsync<JsonElement>();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("token").GetString());

            await GraphSeed.SeedAsync(connectionString, clients, periods: 3, paymentsPerInvoice: 2);
            await using (var vacuum = new NpgsqlConnection(connectionString))
            {
                await vacuum.OpenAsync();
                await new NpgsqlCommand("VACUUM ANALYZE", vacuum).ExecuteNonQueryAsync();
            }

            var body = JsonSerializer.Serialize(new { query = Query, variables = new { first = clients } });
            async Task<string> GraphAsync()
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync("/graphql", content);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK || text.Contains("\"errors\"")) throw new InvalidOperationException(text[..Math.Min(600, text.Length)]);
                return text;
            }

            await using var sqlConnection = new NpgsqlConnection(connectionString);
            await sqlConnection.OpenAsync();
            async Task<string> SqlAsync()
            {
                await using var cmd = new NpgsqlCommand(HandWrittenSql.Tree, sqlConnection);
                cmd.Parameters.AddWithValue("first", clients);
                return (string)(await cmd.ExecuteScalarAsync())!;
            }

            using var counter = new SqlStatementCounter();
            var graphText = await GraphAsync();
            var statements = counter.Take();
            var sqlText = await SqlAsync();
            Check(graphText, sqlText, clients);

            var (graph, sql) = await MeasureAsync(GraphAsync, SqlAsync, rounds);

            Console.WriteLine($"data set: {clients} clients × 3 subscriptions × 1 invoice × 2 payments");
            Console.WriteLine($"/graphql        median {graph.Median,8:F1} ms  min {graph.Min,8:F1} ms  ({graphText.Length / 1024} KiB)");
            Console.WriteLine($"hand-written SQL median {sql.Median,8:F1} ms  min {sql.Min,8:F1} ms  ({sqlText.Length / 1024} KiB)");
            Console.WriteLine($"ratio (median)  {graph.Median / sql.Median:F2}x");
            Console.WriteLine($"SQL statements per /graphql request: {statements.Count}");
            foreach (var s in statements) Console.WriteLine("  - " + s.Split('\n')[0][..Math.Min(110, s.Split('\n')[0].Length)]);
            var ok = graph.Median <= 2 * sql.Median && statements.Count <= 5;
            Console.WriteLine(ok ? "target met (≤ 2x, ≤ 5 statements)" : "TARGET MISSED");
            return ok ? 0 : 1;
        }
        finally
        {
            // The host runs on a background thread and ends with the process; the cluster must be stopped here.
            await postgres.DisposeAsync();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static Thread StartHost(string url, string connectionString, string dataDirectory)
    {
        var entry = typeof(global::Program).Assembly.EntryPoint!;
        string[] hostArgs =
        [
            "--urls", url, "--environment", "Production",
            "--ConnectionStrings:Postgres", connectionString, "--Database:MigrateOnStart", "true",
            "--Storage:DataDirectory", dataDirectory, "--Logging:LogLevel:Default", "Warning",
            "--Auth:SigningKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
            "--GraphQL:MaxPageSize", "100000", "--GraphQL:MaxComplexity", "100000000",
            // Only reads are measured: the outbox worker's polling would just add noise.
            "--Provisioning:WorkerEnabled", "false",
        ];
        var thread = new Thread(() => ((Task)entry.Invoke(null, [hostArgs])!).GetAwaiter().GetResult()) { IsBackground = true };
        thread.Start();
        return thread;
    }

    private static async Task WaitReadyAsync(HttpClient http, Thread host)
    {
        for (var i = 0; i < 240; i++)
        {
            if (!host.IsAlive) throw new InvalidOperationException("The host stopped while starting.");
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("The host did not become ready.");
    }

    /// <summary>Alternates the two so that both see the same machine load; 20 warm-up rounds for the tiered JIT.</summary>
    private static async Task<((double Median, double Min) A, (double Median, double Min) B)> MeasureAsync(
        Func<Task<string>> a, Func<Task<string>> b, int rounds)
    {
        for (var i = 0; i < 20; i++)
        {
            await a();
            await b();
        }
        var timesA = new List<double>();
        var timesB = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            timesA.Add(await TimeAsync(a));
            timesB.Add(await TimeAsync(b));
        }
        return (Summary(timesA), Summary(timesB));
    }

    private static async Task<double> TimeAsync(Func<Task<string>> run)
    {
        var watch = Stopwatch.StartNew();
        await run();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static (double Median, double Min) Summary(List<double> times)
    {
        times.Sort();
        return (times[times.Count / 2], times[0]);
    }

    /// <summary>Both answers hold the same tree: same number of payments, same first and last numbers.</summary>
    private static void Check(string graph, string sql, int clients)
    {
        static int Count(string s, string what) => (s.Length - s.Replace(what, "").Length) / what.Length;
        if (Count(graph, "\"paymentId\"") != Count(sql, "\"paymentId\"") || Count(graph, "\"paymentId\"") != clients * 6)
            throw new InvalidOperationException($"The answers differ: {Count(graph, "\"paymentId\"")} vs {Count(sql, "\"paymentId\"")} payments");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Globalization;
using System.Text;
using MikroNet.Tests.Graph;

namespace MikroNet.RestBench;

/// <summary>
/// REST and GraphQL hot paths against the database alone, in one run on one machine:
/// `dotnet run -c Release --project bench/RestBench [-- --clients 1000 --seconds 10 --warmup 10 --connections 32
/// --list-clients 10000 --router-clients 100 --only details,payment,graphql,graphql-uncached,list --hold]`.
/// Needs wrk and pgbench on PATH (Debian: apt-get install wrk postgresql).
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var options = BenchOptions.Parse(args);
        DetailsBaseline.Write();
        var folder = Path.Combine(Path.GetTempPath(), "mikronet-restbench-host-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var signingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        Console.WriteLine($"{Environment.ProcessorCount} CPUs, {options.Clients} clients, wrk/pgbench -t{options.Threads} "
            + $"-c{options.Connections} {options.Seconds}s; load before: {Uptime()}");

        await using var db = await BenchDatabase.StartAsync();
        var report = new Report(options);
        await using (var host = await HostProcess.StartAsync(db.ConnectionString, folder, signingKey, []))
        {
            using var api = new BenchApi(host.Url);
            await api.SignInAsync();
            await GraphSeed.SeedAsync(db.ConnectionString, options.Clients, periods: 1, paymentsPerInvoice: 0);
            await db.ExecAsync("VACUUM ANALYZE");
            await Task.Delay(2000);
            report.RssIdleStart = host.RssMiB();
            if (options.Hold)
            {
                // A seeded database to measure by hand (wrk, dotnet-trace) against a host started from the build.
                Console.WriteLine($"seeded; connection string: {db.ConnectionString}\nhost: {host.Url} (pid {host.Pid})\n"
                    + $"token: {api.Token}\npress Enter to stop");
                Console.ReadLine();
                return 0;
            }

            var counts = await CountAsync(db, folder, signingKey, api.Token, options);
            var environment = new Dictionary<string, string>
            {
                ["BENCH_TOKEN"] = api.Token, ["BENCH_CLIENTS"] = options.Clients.ToString(CultureInfo.InvariantCulture),
            };
            await using (var relay = await RelayHost.StartAsync(db.ConnectionString))
                foreach (var scenario in Scenario.Hot.Where(s => options.Runs(s.Name)))
                {
                    // Each scenario's writes (and the seed's) leave dead row versions behind: vacuumed now, so that
                    // autovacuum does not clean up during one of the next scenario's runs and not the others.
                    await db.ExecAsync("VACUUM ANALYZE");
                    if (scenario == Scenario.GraphUncached)
                    {
                        report.Add(await UncachedAsync(host, db, folder, signingKey, environment, options), null);
                        continue;
                    }
                    var result = await RunAsync(scenario, host, db, environment, options, options.Connections);
                    report.Add(result with { Relay = await RelayAsync(scenario, relay, db, environment, options) }, counts[scenario.Name]);
                }

            if (options.Runs(Scenario.List.Name) && options.ListClients > options.Clients)
            {
                await GraphSeed.SeedAsync(db.ConnectionString, options.ListClients - options.Clients, periods: 1, paymentsPerInvoice: 0);
                await db.ExecAsync("VACUUM ANALYZE");
            }
            if (options.Runs(Scenario.List.Name))
            {
                report.ListBytes = Encoding.UTF8.GetByteCount(await api.GetTextAsync("/client"));
                report.Add(await RunAsync(Scenario.List, host, db, environment, options, connections: 4), null);
            }
            await Task.Delay(5000);
            report.RssIdleAfter = host.RssMiB();
        }

        if (options.RouterClients > 0)
        {
            await db.ExecAsync("CREATE DATABASE restbench_router");
            var routerDb = db.Server.ConnectionString("restbench_router");
            await using var host = await HostProcess.StartAsync(routerDb, folder, signingKey, []);
            using var api = new BenchApi(host.Url);
            await api.SignInAsync();
            report.Router = await RouterLatency.MeasureAsync(api, routerDb, options.RouterClients);
        }

        report.LoadAfter = Uptime();
        report.Print();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        return report.TargetsMet ? 0 : 1;
    }

    /// <summary>Statements and pool checkouts per request, counted in an in-process host on the same database.</summary>
    private static async Task<Dictionary<string, (double Statements, double Checkouts, List<string> Sample)>> CountAsync(
        BenchDatabase db, string folder, string signingKey, string token, BenchOptions options)
    {
        await using var host = await InProcessHost.StartAsync(db.ConnectionString, folder, signingKey);
        var url = host.Url;
        using var counter = new RequestCounter();
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var random = new Random(42);
        var result = new Dictionary<string, (double, double, List<string>)>();
        foreach (var scenario in Scenario.Hot.Where(s => s != Scenario.GraphUncached))
        {
            const int requests = 50;
            for (var i = 0; i < requests + 5; i++)
            {
                if (i == 5) counter.Take(); // warm-up: first-use compilation and pool filling are not per-request costs
                using var request = scenario.Request(random.Next(1, options.Clients + 1), $"count-{scenario.Name}-{i}");
                using var response = await http.SendAsync(request);
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"{scenario.Name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            var (commands, checkouts) = counter.Take();
            result[scenario.Name] = ((double)commands.Count / requests, (double)checkouts / requests, commands.Distinct().ToList());
        }
        return result;
    }

    private static async Task<ScenarioResult> RunAsync(Scenario scenario, HostProcess host, BenchDatabase db,
        Dictionary<string, string> environment, BenchOptions options, int connections)
    {
        environment["BENCH_RUN"] = Guid.NewGuid().ToString("N")[..8];
        await LoadGenerators.WrkAsync(host.Url, scenario.WrkScript, options.Threads, connections, options.Warmup, environment);
        // The warm-up grew tables from a few rows (payments' idempotency answers: from ~50 to tens of thousands)
        // faster than autovacuum analyses them; a plan cached meanwhile would be one for a table of a few rows (a
        // sequential scan of idempotency_records, docs/performance.md). A production table grows between analyses.
        await db.ExecAsync("ANALYZE");
        environment["BENCH_RUN"] = Guid.NewGuid().ToString("N")[..8];

        var postmaster = ProcessStats.Postmaster(db.Server.DataDirectory);
        await db.ResetStatementsAsync();
        var hostCpu = host.CpuSeconds();
        var dbCpu = ProcessStats.CpuSecondsWithChildren(postmaster);
        var batchesBefore = await BatchSizes.ReadAsync(host.Url);
        using var sampler = new RssSampler(host.Pid);
        var app = await LoadGenerators.WrkAsync(host.Url, scenario.WrkScript, options.Threads, connections, options.Seconds, environment);
        var rssPeak = sampler.Stop();
        var batchesAfter = await BatchSizes.ReadAsync(host.Url);
        var hostCpuPerRequest = (host.CpuSeconds() - hostCpu) / app.Requests * 1000;
        var dbCpuPerRequest = (ProcessStats.CpuSecondsWithChildren(postmaster) - dbCpu) / app.Requests * 1000;
        var statements = await db.StatementsAsync();

        var dbCpuBefore = ProcessStats.CpuSecondsWithChildren(postmaster);
        var password = new Npgsql.NpgsqlConnectionStringBuilder(db.ConnectionString).Password;
        var alone = await LoadGenerators.PgBenchAsync(db.Port, password, BenchDatabase.Name, scenario.PgBenchScript,
            options.Threads, connections, options.Seconds, options.Clients);
        var aloneDbCpu = (ProcessStats.CpuSecondsWithChildren(postmaster) - dbCpuBefore) / alone.Requests * 1000;
        var hostStatements = scenario.HostStatementsScript is { } script
            ? await LoadGenerators.PgBenchAsync(db.Port, password, BenchDatabase.Name, script, options.Threads, connections,
                options.Seconds, options.Clients)
            : null;
        return new ScenarioResult(scenario, connections, app, alone, hostCpuPerRequest, dbCpuPerRequest, aloneDbCpu,
            statements.Sum(s => s.Calls) / (double)app.Requests, statements, rssPeak)
        {
            ReadsPerRoundTrip = BatchSizes.Mean(batchesBefore, batchesAfter, BatchSizes.Reads),
            PaymentsPerTransaction = BatchSizes.Mean(batchesBefore, batchesAfter, BatchSizes.Payments),
            HostStatementsAlone = hostStatements,
        };
    }

    /// <summary>
    /// The GraphQL load on a host without the validated-document cache (parse and validate every request), on the same
    /// seeded tree as the cached run. The bench's own host is idle meanwhile.
    /// </summary>
    private static async Task<ScenarioResult> UncachedAsync(HostProcess host, BenchDatabase db, string folder,
        string signingKey, Dictionary<string, string> environment, BenchOptions options)
    {
        var uncachedFolder = Directory.CreateDirectory(Path.Combine(folder, "uncached")).FullName;
        await using var uncached = await HostProcess.StartAsync(db.ConnectionString, uncachedFolder, signingKey,
            ["--GraphQL:DocumentCacheSize", "0"]);
        return await RunAsync(Scenario.GraphUncached, uncached, db, environment, options, options.Connections);
    }

    /// <summary>The same load against the relay (<see cref="RelayHost"/>), after the host's and pgbench's runs.</summary>
    private static async Task<RelayResult> RelayAsync(Scenario scenario, RelayHost relay, BenchDatabase db,
        Dictionary<string, string> environment, BenchOptions options)
    {
        using (var http = new HttpClient { BaseAddress = new Uri(relay.Url) })
        using (var request = scenario.Request(1, "relay-check"))
        using (var response = await http.SendAsync(request))
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"relay, {scenario.Name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        environment["BENCH_RUN"] = Guid.NewGuid().ToString("N")[..8];
        await LoadGenerators.WrkAsync(relay.Url, scenario.WrkScript, options.Threads, options.Connections, options.Warmup, environment);
        environment["BENCH_RUN"] = Guid.NewGuid().ToString("N")[..8];
        var postmaster = ProcessStats.Postmaster(db.Server.DataDirectory);
        var cpu = relay.CpuSeconds();
        var dbCpu = ProcessStats.CpuSecondsWithChildren(postmaster);
        var load = await LoadGenerators.WrkAsync(relay.Url, scenario.WrkScript, options.Threads, options.Connections, options.Seconds, environment);
        return new RelayResult(load, (relay.CpuSeconds() - cpu) / load.Requests * 1000,
            (ProcessStats.CpuSecondsWithChildren(postmaster) - dbCpu) / load.Requests * 1000);
    }

    private static string Uptime() => File.ReadAllText("/proc/loadavg").Split(' ') is var f ? $"{f[0]} {f[1]} {f[2]}" : "";
}

using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using MikroNet.Features.Documents;
using MikroNet.Features.Documents.Rendering;
using Reports = MikroNet.Features.Reports;
using MikroNet.Infrastructure.LocalPostgres;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Reports;
using Npgsql;
using NodaTime;

namespace MikroNet.ReportBench;

/// <summary>
/// Times every report on generated data (default 100,000 clients × 12 months) through the slices' Data classes and
/// the CSV writer, with the report indexes and, for comparison in the same run, without them; then renders 1,000
/// invoice PDFs. `dotnet run -c Release --project bench/ReportBench [-- clients rounds]`
/// </summary>
internal static class Program
{
    private static readonly LocalDate Today = LocalDate.FromDateOnly(ReportSeed.Today);
    private static readonly Reports.ReportRange Year = new(new LocalDate(2025, 12, 1), Today);

    private static async Task<int> Main(string[] args)
    {
        var clients = args.Length > 0 ? int.Parse(args[0]) : 100_000;
        var rounds = args.Length > 1 ? int.Parse(args[1]) : 5;
        var folder = Path.Combine(Path.GetTempPath(), "mikronet-reportbench-" + Guid.NewGuid().ToString("N")[..8]);
        await using var postgres = await LocalPostgresServer.StartAsync(new LocalPostgresOptions { Durable = false },
            Path.Combine(folder, "postgres"), NullLogger.Instance);
        try
        {
            await postgres.EnsureDatabaseAsync("reportbench");
            var connectionString = postgres.ConnectionString("reportbench");
            var options = new DbContextOptionsBuilder<MikroNetDb>()
                // Serial plans: the backend's CPU time is then the whole cost (parallel workers are other processes).
                .UseNpgsql(connectionString + ";Options=-c max_parallel_workers_per_gather=0", o => o.UseNodaTime())
                .UseSnakeCaseNamingConvention().Options;
            await using (var db = new MikroNetDb(options)) await db.Database.MigrateAsync();

            var seed = Stopwatch.StartNew();
            await ReportSeed.SeedAsync(connectionString, clients);
            await ExecAsync(connectionString, "VACUUM ANALYZE");
            Console.WriteLine($"seeded {clients:N0} clients in {seed.Elapsed.TotalSeconds:F1} s: {await CountsAsync(connectionString)}");

            var withIndexes = await TimeReportsAsync(options, rounds);
            var indexes = await ReportIndexesAsync(connectionString);
            foreach (var (name, _) in indexes) await ExecAsync(connectionString, $"DROP INDEX {name}");
            await ExecAsync(connectionString, "ANALYZE");
            var without = await TimeReportsAsync(options, rounds);
            foreach (var (_, definition) in indexes) await ExecAsync(connectionString, definition);

            Console.WriteLine($"\nmedians of {rounds} rounds; wall = elapsed, cpu = PostgreSQL backend + this process; without = "
                + string.Join(", ", indexes.Select(i => i.Name)) + " dropped");
            Console.WriteLine($"{"report",-30} {"rows",7} {"wall",9} {"cpu",9} {"wall w/o",9} {"cpu w/o",9}");
            foreach (var (name, (time, cpu, rows)) in withIndexes)
                Console.WriteLine($"{name,-30} {rows,7} {time,6:F0} ms {cpu,6:F0} ms {without[name].Time,6:F0} ms {without[name].Cpu,6:F0} ms");

            await RenderPdfsAsync(options);
            return 0;
        }
        finally
        {
            await postgres.DisposeAsync();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<Dictionary<string, (double Time, double Cpu, int Rows)>> TimeReportsAsync(DbContextOptions<MikroNetDb> options, int rounds)
    {
        var reports = new (string Name, Func<MikroNetDb, Task<int>> Run)[]
        {
            ("revenue by month", async db => Reports.Csv.Write(Reports.Revenue.RevenueRow.Columns, await Reports.Revenue.Data.RunAsync(db, Year, Reports.Revenue.RevenueGrouping.Month, default)).Length),
            ("revenue by method", async db => (await Reports.Revenue.Data.RunAsync(db, Year, Reports.Revenue.RevenueGrouping.Method, default)).Count),
            ("revenue by plan", async db => (await Reports.Revenue.Data.RunAsync(db, Year, Reports.Revenue.RevenueGrouping.Plan, default)).Count),
            ("revenue by router", async db => (await Reports.Revenue.Data.RunAsync(db, Year, Reports.Revenue.RevenueGrouping.Router, default)).Count),
            ("billed vs collected", async db => (await Reports.BilledCollected.Data.RunAsync(db, Year, default)).Count),
            ("aging today", async db => (await Reports.Aging.Data.RunAsync(db, Today, default)).Count),
            ("aging 2026-06-15", async db => (await Reports.Aging.Data.RunAsync(db, new LocalDate(2026, 6, 15), default)).Count),
            ("collections today (+CSV)", async db =>
            {
                var rows = await Reports.Collections.Data.RunAsync(db, Today, default);
                return Reports.Csv.Write(Reports.Collections.CollectionRow.Columns, rows).Length > 0 ? rows.Count : 0;
            }),
            ("clients by status", async db => (await Reports.ClientCounts.Data.RunAsync(db, Reports.ClientCounts.ClientGrouping.Status, default)).Count),
            ("clients by plan", async db => (await Reports.ClientCounts.Data.RunAsync(db, Reports.ClientCounts.ClientGrouping.Plan, default)).Count),
            ("clients by router", async db => (await Reports.ClientCounts.Data.RunAsync(db, Reports.ClientCounts.ClientGrouping.Router, default)).Count),
            ("mrr", async db => (await Reports.Mrr.Data.RunAsync(db, default)).Plans.Count),
            ("summary (dashboard figures)", async db => (await Reports.Summary.Data.RunAsync(db, Today, "IDR", ReportSeed.GraceDays, default)) is null ? 0 : 1),
        };
        var results = new Dictionary<string, (double, double, int)>();
        foreach (var (name, run) in reports)
        {
            var times = new List<(double Wall, double Cpu)>();
            var rows = 0;
            for (var i = 0; i <= rounds; i++)
            {
                await using var db = new MikroNetDb(options);
                await db.Database.OpenConnectionAsync();
                var backend = await db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync();
                var cpu = BackendCpu(backend) + Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
                var watch = Stopwatch.StartNew();
                rows = await run(db);
                var wall = watch.Elapsed.TotalMilliseconds;
                cpu = BackendCpu(backend) + Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds - cpu;
                if (i > 0) times.Add((wall, cpu)); // round 0 warms the connection and caches
            }
            results[name] = (Median(times.Select(t => t.Wall)), Median(times.Select(t => t.Cpu)), rows);
        }
        return results;
    }

    private static double Median(IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);

    /// <summary>
    /// CPU milliseconds the PostgreSQL backend has used (/proc, 10 ms ticks). On a box shared with other work, wall
    /// time measures the queue for the cores; CPU time is what the report itself costs.
    /// </summary>
    private static double BackendCpu(int pid)
    {
        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[11]) + long.Parse(fields[12])) * 10.0;
    }

    /// <summary>1,000 invoices read from the database, then rendered one by one on one thread.</summary>
    private static async Task RenderPdfsAsync(DbContextOptions<MikroNetDb> options)
    {
        var renderer = new DocumentRenderer(new ProviderOptions
        {
            Name = "Jaringan Nusantara Net", Address = "Jl. Sudirman 45, Bandung 40115", Phone = "+62 22 555 0101",
            TaxNumber = "01.234.567.8-901.000", PaymentInstructions = "Transfer to BCA 123-456-7890\nor pay at our office.",
        });
        await using var db = new MikroNetDb(options);
        var ids = await db.Invoices.OrderBy(i => i.Id).Select(i => i.Id).Take(1000).ToListAsync();
        var load = Stopwatch.StartNew();
        var invoices = new List<InvoiceDocument>();
        foreach (var id in ids) invoices.Add((await DocumentData.InvoiceAsync(db, id, "IDR", new NoPaymentLinks(), default))!);
        load.Stop();
        renderer.Invoice(invoices[0]); // first use loads the fonts
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var render = Stopwatch.StartNew();
        long bytes = 0;
        foreach (var invoice in invoices) bytes += renderer.Invoice(invoice).Length;
        render.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"\n{invoices.Count:N0} invoice PDFs: rendered in {render.Elapsed.TotalSeconds:F2} s ({cpu.TotalSeconds:F2} s CPU) " +
            $"({render.Elapsed.TotalMilliseconds / invoices.Count:F1} ms each, {bytes / invoices.Count / 1024} KiB average, " +
            $"{invoices.Count(i => i.Status == InvoiceStatus.Paid)} with the PAID stamp); read from the database one by one in {load.Elapsed.TotalSeconds:F2} s");
    }

    private static async Task<List<(string Name, string Definition)>> ReportIndexesAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'ix_report_%' ORDER BY 1", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<(string, string)>();
        while (await reader.ReadAsync()) list.Add((reader.GetString(0), reader.GetString(1)));
        return list;
    }

    private static async Task<string> CountsAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM invoices) || ' invoices, ' || (SELECT count(*) FROM payments) || ' payments'", conn);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task ExecAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 1200 };
        await cmd.ExecuteNonQueryAsync();
    }
}

using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MikroNet.Features.Billing;
using MikroNet.Features.Billing.Credit;
using MikroNet.Features.Billing.GenerateInvoices;
using MikroNet.Features.Notifications;
using MikroNet.Features.Notifications.Queue;
using MikroNet.Infrastructure.LocalPostgres;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using Npgsql;
using NodaTime;

// Raises the renewal invoices of N due subscriptions three ways, each on a fresh copy of the same seeded database:
//   (a) the GenerateInvoices slice's code path (InvoiceGenerator: transaction, advisory lock, the statement, reading rows)
//   (b) a row-by-row loop through EF, one query and one insert per subscription, as a PHP cron job does it
//   (c) the bare statements on a plain Npgsql connection
// With lines, taxes and credits in play: PPN 11 % on top of the prices, every 10th client has a charge waiting and
// every 5th has 20,000 of credit, so the run writes period, charge, tax and credit lines (statements: generation,
// apply_invoice_tax, apply_client_credit).
// Usage: dotnet run -c Release --project bench/BillingBench [-- --subscriptions 100000 --loop 100000 --no-fsync]
// The server is durable by default, as the host's own and any production server are: a cron loop then pays one
// WAL flush per commit. --no-fsync runs it like the test clusters (fsync and synchronous_commit off).
var subscriptions = Arg("--subscriptions", 100_000);
var durable = !args.Contains("--no-fsync");
var loopCount = Arg("--loop", subscriptions);
var asOf = new LocalDate(2026, 12, 20);
var now = Instant.FromUtc(2026, 12, 20, 0, 0);
var billing = new BillingOptions { TaxRate = 0.11m, TaxName = "PPN" };

var folder = Path.Combine(Path.GetTempPath(), "mikronet-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(folder);
await using var server = await LocalPostgresServer.StartAsync(new LocalPostgresOptions { Durable = durable },
    Path.Combine(folder, "postgres"), NullLogger.Instance);
try
{
    Console.WriteLine($"Seeding {subscriptions:N0} due subscriptions ({(durable ? "durable server" : "fsync off")})…");
    await server.EnsureDatabaseAsync("bench_seed");
    await using (var db = Db(server.ConnectionString("bench_seed") + ";Pooling=false"))
    {
        await db.Database.MigrateAsync();
        await SeedAsync(db, subscriptions);
        // A live database has its hint bits and visibility map set; a freshly loaded one would pay for that in the first run.
        await db.Database.ExecuteSqlRawAsync("VACUUM (FREEZE, ANALYZE)");
    }

    var slice = await MeasureAsync("a", async cs =>
    {
        await using var db = Db(cs);
        var result = await new InvoiceGenerator(db, Options.Create(billing),
            new Notifier(db, Options.Create(new NotificationOptions()))).RunAsync(asOf, now, default);
        return result.Raised.Count;
    });
    // What (a) wrote: the seed has no lines, so every line is the run's.
    await using (var check = new NpgsqlConnection(server.ConnectionString("bench_a")))
    {
        await check.OpenAsync();
        await using var lines = new NpgsqlCommand(
            "SELECT string_agg(kind || ' ' || n, ', ' ORDER BY kind) FROM (SELECT kind, count(*) n FROM invoice_lines GROUP BY kind) k",
            check);
        Console.WriteLine($"(a) wrote lines: {await lines.ExecuteScalarAsync()}");
    }
    var loop = await MeasureAsync("b", cs => EfLoopAsync(cs, loopCount));
    var bare = await MeasureAsync("c", async cs =>
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        // The same session setting the slice makes (see BillingLock), so both run the same plan.
        await new NpgsqlCommand("SET LOCAL jit = off", conn, tx).ExecuteNonQueryAsync();
        await using var cmd = new NpgsqlCommand(InvoiceGenerator.Sql, conn, tx);
        InvoiceGenerator.AddParameters(cmd, asOf, 4, 3, 12, now);
        var ids = new List<int>();
        await using (var reader = await cmd.ExecuteReaderAsync()) while (await reader.ReadAsync()) ids.Add(reader.GetInt32(1));
        await using var tax = new NpgsqlCommand(InvoiceTax.Sql, conn, tx);
        InvoiceTax.AddParameters(tax, ids, billing, now);
        await using (var reader = await tax.ExecuteReaderAsync()) while (await reader.ReadAsync()) { }
        await using var credit = new NpgsqlCommand(CreditApplication.Sql, conn, tx);
        CreditApplication.AddParameters(credit, ids, now);
        await using (var reader = await credit.ExecuteReaderAsync()) while (await reader.ReadAsync()) { }
        await tx.CommitAsync();
        return ids.Count;
    });

    var loopFull = loop.Elapsed.TotalSeconds * subscriptions / loop.Count;
    Console.WriteLine();
    Console.WriteLine($"| variant | invoices | time |");
    Console.WriteLine($"|---|---|---|");
    Console.WriteLine($"| (a) slice code path | {slice.Count:N0} | {slice.Elapsed.TotalSeconds:F2} s |");
    Console.WriteLine($"| (b) EF row-by-row loop | {loop.Count:N0} | {loop.Elapsed.TotalSeconds:F2} s" +
        (loop.Count < subscriptions ? $" (≈ {loopFull:F0} s for {subscriptions:N0})" : "") + " |");
    Console.WriteLine($"| (c) bare SQL | {bare.Count:N0} | {bare.Elapsed.TotalSeconds:F2} s |");
    Console.WriteLine();
    Console.WriteLine($"(a)/(c) = {slice.Elapsed / bare.Elapsed:F2}x; (b)/(a) = {loopFull / slice.Elapsed.TotalSeconds:F0}x");
}
finally
{
    await server.DisposeAsync();
    try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
}
return 0;

async Task<(TimeSpan Elapsed, int Count)> MeasureAsync(string name, Func<string, Task<int>> run)
{
    var database = "bench_" + name;
    await using (var admin = new NpgsqlConnection(server.ConnectionString("postgres")))
    {
        await admin.OpenAsync();
        await new NpgsqlCommand($"DROP DATABASE IF EXISTS {database}", admin).ExecuteNonQueryAsync();
        await new NpgsqlCommand($"CREATE DATABASE {database} TEMPLATE bench_seed", admin).ExecuteNonQueryAsync();
    }
    var cs = server.ConnectionString(database);
    // Warm the connection pool and the plan cache's catalog reads outside the timing.
    await using (var warm = new NpgsqlConnection(cs)) { await warm.OpenAsync(); await new NpgsqlCommand("ANALYZE", warm).ExecuteNonQueryAsync(); }
    var watch = Stopwatch.StartNew();
    var count = await run(cs);
    watch.Stop();
    Console.WriteLine($"({name}) {count:N0} invoices in {watch.Elapsed.TotalSeconds:F2} s");
    return (watch.Elapsed, count);
}

// The PHP cron's shape: list what ends soon, then per subscription ask whether the next one exists and insert it
// and its invoice. Numbers come from the counter row, read and written per invoice.
async Task<int> EfLoopAsync(string cs, int limit)
{
    await using var db = Db(cs);
    var lead = asOf.PlusDays(4);
    var due = await db.Subscriptions.AsNoTracking().Where(s => s.EndDate <= lead).OrderBy(s => s.ClientId)
        .Select(s => new { s.Id, s.ClientId, s.PlanId, s.PeriodIndex, s.EndDate, s.Price, s.Client!.AnchorDate })
        .Take(limit).ToListAsync();
    var count = 0;
    foreach (var s in due)
    {
        if (await db.Subscriptions.AnyAsync(n => n.ClientId == s.ClientId && n.PeriodIndex == s.PeriodIndex + 1)) continue;
        var counter = await db.InvoiceNumberCounters.SingleOrDefaultAsync(c => c.Year == asOf.Year);
        if (counter is null) db.InvoiceNumberCounters.Add(counter = new InvoiceNumberCounter { Year = asOf.Year });
        counter.LastValue++;
        var next = new Subscription
        {
            ClientId = s.ClientId, PlanId = s.PlanId, PeriodIndex = s.PeriodIndex + 1, StartDate = s.EndDate.PlusDays(1),
            EndDate = Periods.End(s.AnchorDate!.Value, 1, s.PeriodIndex + 1), Price = s.Price,
            Status = SubscriptionStatus.Active, CreatedAt = now,
        };
        next.Invoices.Add(new Invoice
        {
            Number = InvoiceNumbers.Format(asOf.Year, counter.LastValue), NumberYear = asOf.Year,
            NumberSequence = counter.LastValue, ClientId = s.ClientId, Kind = InvoiceKind.Period, InvoiceDate = asOf,
            DueDate = s.EndDate, TotalAmount = s.Price, Status = InvoiceStatus.Pending, CreatedAt = now, UpdatedAt = now,
        });
        db.Subscriptions.Add(next);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        count++;
    }
    return count;
}

static MikroNetDb Db(string connectionString) => new(new DbContextOptionsBuilder<MikroNetDb>()
    .UseNpgsql(connectionString, o => o.UseNodaTime())
    .UseSnakeCaseNamingConvention()
    .Options);

// One router and plan; N clients anchored on Nov 25 with a paid first period ending Dec 24 (renewal day Dec 20).
static async Task SeedAsync(MikroNetDb db, int n)
{
    await db.Database.ExecuteSqlRawAsync("""
        INSERT INTO routers (name, host, port, use_tls, username, password_protected, created_at, updated_at)
        VALUES ('bench', '127.0.0.1', 8728, false, 'admin', 'x', now(), now());
        INSERT INTO plans (name, price, period_months, ppp_profile, rate_limit, created_at, updated_at)
        VALUES ('Home', 150000, 1, 'home', '10M/10M', now(), now());
        INSERT INTO clients (name, phone_number, address, ppp_secret_name, ppp_password_protected, router_id, plan_id,
                             status, auto_renew, anchor_date, provisioning_state, created_at, updated_at)
        SELECT 'Client ' || g, '0812' || g, 'Street ' || g, 'c' || g, 'x', 1, 1, 'active', true, '2026-11-25',
               'synced', now(), now()
        FROM generate_series(1, @n) g;
        INSERT INTO subscriptions (client_id, plan_id, period_index, start_date, end_date, price, status, created_at)
        SELECT id, 1, 0, '2026-11-25', '2026-12-24', 150000, 'active', now() FROM clients;
        INSERT INTO invoices (number, number_year, number_sequence, client_id, subscription_id, kind, invoice_date,
                              due_date, total_amount, amount_paid, status, created_at, updated_at)
        SELECT 'INV-2025-' || lpad(s.id::text, 6, '0'), 2025, s.id, s.client_id, s.id, 'period', '2025-11-25',
               '2026-12-04', 150000, 150000, 'paid', now(), now()
        FROM subscriptions s;
        INSERT INTO client_charges (client_id, kind, description, amount, taxable, created_at)
        SELECT id, 'charge', 'Router', 250000, true, now() FROM clients WHERE id % 10 = 0;
        UPDATE clients SET credit_balance = 20000 WHERE id % 5 = 0;
        INSERT INTO client_credit_entries (client_id, amount, kind, created_at)
        SELECT id, 20000, 'credit_note', now() FROM clients WHERE id % 5 = 0;
        ANALYZE;
        """.Replace("@n", n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}

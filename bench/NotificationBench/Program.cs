using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MikroNet.Features.Notifications;
using MikroNet.Features.Notifications.Queue;
using MikroNet.Infrastructure.LocalPostgres;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.NotificationBench;
using NodaTime;

// Two measurements of customer messages (docs/notifications.md, "Benchmark"):
//   1. Queueing the reminders of N invoices due in 3 days (e-mail and WhatsApp each, so 2N messages):
//      (a) the daily run's one statement (Notifier.QueueRemindersAsync), (b) the same run repeated (all conflicts),
//      (c) a loop per invoice through EF, as a cron script would do it, on --loop invoices.
//   2. Delivering M WhatsApp messages through the real host's outbox loop to a fake gateway on loopback.
// Usage: dotnet run -c Release --project bench/NotificationBench [-- --invoices 100000 --loop 5000 --deliver 10000 --no-fsync]
var invoices = Arg("--invoices", 100_000);
var loop = Arg("--loop", 5_000);
var deliver = Arg("--deliver", 10_000);
var durable = !args.Contains("--no-fsync");
var asOf = new LocalDate(2026, 12, 1);
var now = Instant.FromUtc(2026, 12, 1, 0, 0);

var folder = Path.Combine(Path.GetTempPath(), "mikronet-nbench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(folder);
await using var server = await LocalPostgresServer.StartAsync(new LocalPostgresOptions { Durable = durable },
    Path.Combine(folder, "postgres"), NullLogger.Instance);
await using var gateway = await FakeGateway.StartAsync();
try
{
    await server.EnsureDatabaseAsync("bench");
    var cs = server.ConnectionString("bench");
    await using (var db = Db(cs))
    {
        await db.Database.MigrateAsync();
        Console.WriteLine($"Seeding {invoices:N0} clients with an invoice due {asOf.PlusDays(3):yyyy-MM-dd}…");
        await Seed.RunAsync(db, invoices, asOf.PlusDays(3));
    }
    var options = Options.Create(new NotificationOptions
    {
        Smtp = { Host = "smtp.invalid" },
        Providers = { ["wa"] = new HttpProviderOptions { Channel = "whatsapp", Url = gateway.Url } },
    });

    var first = await TimedAsync(cs, db => new Notifier(db, options).QueueRemindersAsync(asOf, asOf, now, default));
    var again = await TimedAsync(cs, db => new Notifier(db, options).QueueRemindersAsync(asOf, asOf, now, default));
    var perInvoice = await TimedAsync(cs, db => LoopAsync(db, options, loop, now));
    Console.WriteLine($"(a) one statement:      {first.Rows,9:N0} messages in {first.Elapsed.TotalSeconds,7:F2} s");
    Console.WriteLine($"(b) repeated run:       {again.Rows,9:N0} messages in {again.Elapsed.TotalSeconds,7:F2} s");
    Console.WriteLine($"(c) EF loop per invoice:{perInvoice.Rows,9:N0} messages in {perInvoice.Elapsed.TotalSeconds,7:F2} s"
        + $" (for {invoices:N0} invoices: ~{perInvoice.Elapsed.TotalSeconds * invoices / loop:F0} s)");

    await using (var db = Db(cs)) await db.Database.ExecuteSqlRawAsync("TRUNCATE notifications");
    var url = await InProcessHost.StartAsync(cs, folder, gateway.Url);
    Console.WriteLine($"Host at {url}; queueing {deliver:N0} WhatsApp messages…");
    var delivered = await DeliverAsync(cs, deliver, now);
    Console.WriteLine($"(d) delivery:           {deliver,9:N0} messages in {delivered.TotalSeconds,7:F2} s"
        + $" ({deliver / delivered.TotalSeconds:F0}/s; the gateway saw {gateway.Calls:N0} calls)");
}
finally
{
    try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
}
return 0;

static MikroNetDb Db(string connectionString) => new(new DbContextOptionsBuilder<MikroNetDb>()
    .UseNpgsql(connectionString, o => o.UseNodaTime())
    .UseSnakeCaseNamingConvention()
    .Options);

static async Task<(int Rows, TimeSpan Elapsed)> TimedAsync(string cs, Func<MikroNetDb, Task<int>> run)
{
    await using var db = Db(cs);
    await db.Database.OpenConnectionAsync();
    var watch = Stopwatch.StartNew();
    await using var tx = await db.Database.BeginTransactionAsync();
    var rows = await run(db);
    await tx.CommitAsync();
    return (rows, watch.Elapsed);
}

// What a cron script does: read each due invoice with its client, add its messages, save, one invoice at a time.
static async Task<int> LoopAsync(MikroNetDb db, IOptions<NotificationOptions> options, int count, Instant now)
{
    var notifier = new Notifier(db, options);
    var ids = await db.Invoices.OrderBy(i => i.Id).Select(i => i.Id).Take(count).ToListAsync();
    foreach (var id in ids)
    {
        var invoice = await db.Invoices.Include(i => i.Client).SingleAsync(i => i.Id == id);
        notifier.Queue(NotificationEvent.InvoiceRaised, invoice.Client!, new LocalDate(2026, 12, 1), now, invoice);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
    return await db.Notifications.CountAsync(n => n.Event == NotificationEvent.InvoiceRaised);
}

// Queues M WhatsApp messages in one statement and waits until the host's loop has delivered them all.
static async Task<TimeSpan> DeliverAsync(string cs, int count, Instant now)
{
    await using var db = Db(cs);
    var watch = Stopwatch.StartNew();
    await db.Database.ExecuteSqlAsync($"""
        INSERT INTO notifications (event, channel, client_id, invoice_id, on_date, recipient, language, status, attempts,
                                   next_attempt_at, created_at)
        SELECT 'invoice_reminder', 'whatsapp', i.client_id, i.id, '2026-12-01', c.phone_number, 'id', 'pending', 0, now(), now()
        FROM invoices i JOIN clients c ON c.id = i.client_id ORDER BY i.id LIMIT {count}
        """);
    while (await db.Notifications.CountAsync(n => n.Status == MikroNet.Infrastructure.Outbox.OutboxStatus.Pending) > 0)
        await Task.Delay(100);
    var elapsed = watch.Elapsed;
    var failed = await db.Notifications.CountAsync(n => n.Status == MikroNet.Infrastructure.Outbox.OutboxStatus.Failed);
    if (failed > 0) throw new InvalidOperationException($"{failed} messages failed.");
    return elapsed;
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}

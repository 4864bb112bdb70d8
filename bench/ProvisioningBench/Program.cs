using System.Diagnostics;
using System.Globalization;
using MikroNet.Features.Provisioning;
using MikroNet.Features.Provisioning.Reconcile;
using MikroNet.Infrastructure.Outbox;
using MikroNet.Infrastructure.LocalPostgres;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Infrastructure.Security;
using MikroNet.RouterOsEmulator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

// Reconciles a router holding N secrets against a database of N clients, then delivers N queued sync_secret
// commands through the outbox worker. Everything on loopback: a private PostgreSQL and the in-process emulator.
// Usage: dotnet run -c Release --project bench/ProvisioningBench [-- --clients 10000 --drift 500 --workers 1]
var clients = 10_000;
var drift = 500;
var workers = 1;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--clients":
            clients = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--drift":
            drift = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--workers":
            workers = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
    }
}

Console.WriteLine($"{clients} clients, {drift} drifted secrets, {workers} delivery loop(s), {Environment.ProcessorCount} CPUs");
var folder = Path.Combine(Path.GetTempPath(), "mikronet-bench-" + Guid.NewGuid().ToString("N")[..8]);
await using var postgres = await LocalPostgresServer.StartAsync(new LocalPostgresOptions { Durable = false },
    Path.Combine(folder, "postgres"), NullLogger.Instance);
await postgres.EnsureDatabaseAsync("bench");

var services = new ServiceCollection();
services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Provisioning:BatchSize"] = "500",
}).Build());
services.AddLogging();
services.AddDbContext<MikroNetDb>(o => o.UseNpgsql(postgres.ConnectionString("bench"), n => n.UseNodaTime()).UseSnakeCaseNamingConvention());
services.AddDataProtection().UseEphemeralDataProtectionProvider();
services.AddSingleton<SecretProtector>();
services.AddSingleton<IClock>(SystemClock.Instance);
services.AddProvisioning();
await using var provider = services.BuildServiceProvider();
await MigrationRunner.MigrateAsync(provider);
var protector = provider.GetRequiredService<SecretProtector>();

var emulator = await RouterOsEmulator.StartAsync(new EmulatorOptions { Username = "admin", Password = "bench" });
var routerId = await SeedAsync();

// The router holds every client's secret, `drift` of them wrong in one way or another, plus hand-made ones.
var seed = Stopwatch.StartNew();
for (var i = 0; i < clients; i++)
{
    var name = SecretName(i);
    var clientId = i + 1;
    switch (i % (clients / Math.Max(drift, 1)) == 0 ? i / (clients / Math.Max(drift, 1)) % 4 : -1)
    {
        case 0: break; // missing
        case 1: emulator.AddSecret(name, "wrong", service: "pppoe", comment: clientId.ToString(CultureInfo.InvariantCulture)); break;
        case 2: emulator.AddSecret(name, Password(i), service: "pppoe", comment: clientId.ToString(CultureInfo.InvariantCulture), disabled: true); break;
        case 3: emulator.AddSecret(name, Password(i), service: "any"); break; // made by hand: adopted
        default: emulator.AddSecret(name, Password(i), service: "pppoe", comment: clientId.ToString(CultureInfo.InvariantCulture)); break;
    }
}

for (var i = 0; i < 100; i++) emulator.AddSecret($"operator-{i}", "x");
Console.WriteLine($"emulator seeded with {emulator.Secrets.Count} secrets in {seed.ElapsedMilliseconds} ms");

await ReconcileAsync("warm-up dry run", dryRun: true);
await ReconcileAsync("reconcile with drift", dryRun: false);
await ReconcileAsync("reconcile in sync", dryRun: false);
await ReconcileAsync("reconcile in sync", dryRun: false);
await ReconcileAsync("dry run in sync", dryRun: true);

// Delivery: a fresh router (empty emulator) and one sync_secret per client in the outbox.
await using var fresh = await RouterOsEmulator.StartAsync(new EmulatorOptions { Username = "admin", Password = "bench" });
await using (var scope = provider.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<MikroNetDb>();
    await db.Routers.Where(r => r.Id == routerId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Port, fresh.Port));
    var now = SystemClock.Instance.GetCurrentInstant();
    await db.Database.ExecuteSqlInterpolatedAsync($"""
        INSERT INTO router_commands (router_id, client_id, kind, payload, status, attempts, next_attempt_at, created_at)
        SELECT router_id, id, 'sync_secret', jsonb_build_object('name', ppp_secret_name), 'pending', 0, {now}, {now}
        FROM clients ORDER BY id
        """);
}

var delivery = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(DeliverAllAsync)));
delivery.Stop();
Console.WriteLine($"delivered {clients} sync_secret commands in {delivery.ElapsedMilliseconds} ms"
    + $" ({clients / delivery.Elapsed.TotalSeconds:F0}/s); router holds {fresh.Secrets.Count} secrets");
await emulator.DisposeAsync();
try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
return 0;

async Task<int> SeedAsync()
{
    await using var scope = provider.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<MikroNetDb>();
    var now = SystemClock.Instance.GetCurrentInstant();
    var router = new Router
    {
        Name = "bench", Host = "127.0.0.1", Port = emulator.Port, Username = "admin",
        PasswordProtected = protector.Protect("bench"), CreatedAt = now, UpdatedAt = now,
    };
    db.Routers.Add(router);
    await db.SaveChangesAsync();
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < clients; i++)
    {
        db.Clients.Add(new Client
        {
            Name = "Client " + i, PhoneNumber = "+628123456789", Address = "Jl. Bench " + i, PppSecretName = SecretName(i),
            PppPasswordProtected = protector.Protect(Password(i)), RouterId = router.Id, Status = ClientStatus.Active,
            ProvisioningState = ProvisioningState.Synced, CreatedAt = now, UpdatedAt = now,
        });
    }

    await db.SaveChangesAsync();
    Console.WriteLine($"database seeded with {clients} clients in {watch.ElapsedMilliseconds} ms");
    return router.Id;
}

async Task ReconcileAsync(string label, bool dryRun)
{
    await using var scope = provider.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<MikroNetDb>();
    var router = await db.Routers.AsNoTracking().SingleAsync(r => r.Id == routerId);
    var watch = Stopwatch.StartNew();
    var report = await scope.ServiceProvider.GetRequiredService<RouterReconciler>().ReconcileAsync(router, dryRun, CancellationToken.None);
    var byAction = string.Join(", ", report.Changes.GroupBy(c => c.Action).Select(g => $"{g.Key} {g.Count()}"));
    Console.WriteLine($"{label}: {watch.ElapsedMilliseconds} ms; {report.SecretsOnRouter} secrets, {report.ClientsInDatabase} clients,"
        + $" {report.UnmanagedSecrets} unmanaged, changes: {(byAction.Length == 0 ? "none" : byAction)}, failed {report.FailedChanges}");
}

async Task DeliverAllAsync()
{
    while (true)
    {
        await using var scope = provider.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<OutboxRound<RouterCommand>>().RunOnceAsync(CancellationToken.None) == 0) return;
    }
}

static string SecretName(int i) => $"pppoe-{i:00000}";

static string Password(int i) => $"pw-{i * 7919 % 100_000:00000}";

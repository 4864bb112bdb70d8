using Alba;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using Npgsql;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace MikroNet.Tests.Fixtures;

/// <summary>
/// The host of one test class: its own database cloned from the template, a fake clock, and the typed
/// <see cref="Api"/> the tests call it through.
/// </summary>
public class AppFixture : IAsyncLifetime
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "admin-password-1";
    private const string SigningKey = "bWlrcm9uZXQtdGVzdHMtc2lnbmluZy1rZXktMzItYnl0ZXMtbG9uZy0xMjM0NTY3ODkw";

    /// <summary>Where the fake clock starts (10:00 in Jakarta, the default billing zone).</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 11, 25, 3, 0);

    public AppFixture() => Api = new Api(this);

    public IAlbaHost Host { get; private set; } = null!;
    public Api Api { get; }
    public FakeClock Clock { get; } = new(Start);
    public string ConnectionString { get; private set; } = "";
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "mikronet-data-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Extra settings a test class needs (for example a low login rate limit).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings() => [];

    protected virtual void ConfigureServices(IServiceCollection services) { }

    /// <summary>The database of this class: a clone of the migrated template unless a fixture needs another.</summary>
    protected virtual Task<string> CreateDatabaseAsync() => TestPostgres.CreateDatabaseAsync();

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        Host = await StartHostAsync();
    }

    /// <summary>
    /// Another host on the same database, configured like <see cref="Host"/> plus the given settings (several hosts
    /// of one deployment).
    /// </summary>
    public Task<IAlbaHost> StartHostAsync(params (string Key, string Value)[] overrides) =>
        AlbaHost.For<Program>(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting("ConnectionStrings:Postgres", ConnectionString);
            web.UseSetting("Auth:SigningKey", SigningKey);
            web.UseSetting("Auth:LoginPermitsPerMinute", "100000");
            web.UseSetting("Storage:DataDirectory", DataDirectory);
            // Tests call BillingService.RunDueAsync with the fake clock instead of waiting for its timer.
            web.UseSetting("Billing:Enabled", "false");
            // Routers in most tests are made up; ProvisioningFixture turns the outbox worker on against an emulator.
            web.UseSetting("Provisioning:WorkerEnabled", "false");
            // Customer messages are delivered only where a test class sets up their servers (NotificationsFixture).
            web.UseSetting("Notifications:WorkerEnabled", "false");
            foreach (var (key, value) in Settings()) web.UseSetting(key, value);
            foreach (var (key, value) in overrides) web.UseSetting(key, value);
            web.ConfigureServices(services =>
            {
                services.RemoveAll<IClock>();
                services.AddSingleton<IClock>(Clock);
                services.AddSingleton<IStartupFilter, ApiCoverage.Recorder>();
                ConfigureServices(services);
            });
        });

    public virtual async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        // Idle pooled connections would otherwise stay open for minutes after the class ends, and with every test
        // class on one server they add up to max_connections (the host's pool uses the tuned connection string).
        foreach (var cs in new[] { ConnectionString, PostgresConnection.Tune(ConnectionString) })
        {
            await using var connection = new NpgsqlConnection(cs);
            NpgsqlConnection.ClearPool(connection);
        }
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }

    /// <summary>
    /// A context of its own for the test to dispose (not one of the host's pooled contexts: a pooled context goes back,
    /// and gives its connection back, only when its scope ends, and a test disposes the context).
    /// </summary>
    public MikroNetDb Db() => new(Host.Services.GetRequiredService<DbContextOptions<MikroNetDb>>());

    /// <summary>The outbox rows queued for a client, oldest first.</summary>
    public async Task<List<RouterCommand>> CommandsOfAsync(int clientId)
    {
        await using var db = Db();
        return await db.RouterCommands.AsNoTracking().Where(c => c.ClientId == clientId).OrderBy(c => c.Id).ToListAsync();
    }

    /// <summary>Moves the fake clock to a moment given in UTC.</summary>
    public void SetUtc(int year, int month, int day, int hour, int minute = 0) =>
        Clock.Reset(Instant.FromUtc(year, month, day, hour, minute));

    /// <summary>
    /// For a test that moves the clock: takes the admin token at the start time (tokens expire by the fake clock)
    /// and puts the clock back when disposed, so the class's other tests find it where they expect.
    /// </summary>
    public async Task<IAsyncDisposable> TimeTravelAsync()
    {
        Clock.Reset(Start);
        await Api.AdminTokenAsync();
        return new ClockReset(Clock);
    }

    private sealed class ClockReset(FakeClock clock) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            clock.Reset(Start);
            return ValueTask.CompletedTask;
        }
    }
}

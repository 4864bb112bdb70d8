using MikroNet.Infrastructure.LocalPostgres;
using MikroNet.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MikroNet.Tests.Fixtures;

/// <summary>
/// One private PostgreSQL per test run (a temporary folder, a free port), holding a migrated template
/// database that every test class clones into a fresh database of its own.
/// </summary>
public static class TestPostgres
{
    private const string Template = "mikronet_template";
    private static readonly Lazy<Task<LocalPostgresServer>> Server = new(StartAsync);
    private static readonly SemaphoreSlim CloneLock = new(1, 1);

    public static async Task<string> CreateDatabaseAsync()
    {
        var server = await Server.Value;
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        // PostgreSQL refuses to copy a template that another CREATE DATABASE is reading at the same moment.
        await CloneLock.WaitAsync();
        try
        {
            await using var conn = new NpgsqlConnection(server.ConnectionString("postgres"));
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{Template}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        finally
        {
            CloneLock.Release();
        }
        // Every class's host keeps a pool of its own database's connections; idle ones close within seconds so the
        // pools of finished classes do not add up past the server's max_connections on a long, loaded run.
        return server.ConnectionString(name) + ";Connection Idle Lifetime=5;Connection Pruning Interval=1";
    }

    public static async Task<LocalPostgresServer> ServerAsync() => await Server.Value;

    private static async Task<LocalPostgresServer> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mikronet-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var server = await LocalPostgresServer.StartAsync(new LocalPostgresOptions { Durable = false },
            Path.Combine(folder, "postgres"), NullLogger.Instance);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };

        await server.EnsureDatabaseAsync(Template);
        var options = new DbContextOptionsBuilder<MikroNetDb>()
            // No pooling: an idle pooled connection would keep the template "in use" and block cloning.
            .UseNpgsql(server.ConnectionString(Template) + ";Pooling=false", o => o.UseNodaTime())
            .UseSnakeCaseNamingConvention()
            .Options;
        await using (var db = new MikroNetDb(options)) await db.Database.MigrateAsync();
        return server;
    }
}

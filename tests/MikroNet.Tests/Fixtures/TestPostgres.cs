using System.Diagnostics;
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
    private const string FolderPrefix = "mikronet-tests-";
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

    /// <summary>A database with no tables at all, as a server is before `migrate` runs.</summary>
    public static async Task<string> CreateEmptyDatabaseAsync()
    {
        var server = await Server.Value;
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await server.EnsureDatabaseAsync(name);
        return server.ConnectionString(name);
    }

    public static async Task<LocalPostgresServer> ServerAsync() => await Server.Value;

    private static async Task<LocalPostgresServer> StartAsync()
    {
        await RemoveAbandonedFoldersAsync();
        var folder = Path.Combine(Path.GetTempPath(), FolderPrefix + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var server = await LocalPostgresServer.StartAsync(new LocalPostgresOptions { Durable = false },
            Path.Combine(folder, "postgres"), NullLogger.Instance);
        CleanUpWhenThisProcessEnds(folder, server.DataDirectory);

        await server.EnsureDatabaseAsync(Template);
        var options = new DbContextOptionsBuilder<MikroNetDb>()
            // No pooling: an idle pooled connection would keep the template "in use" and block cloning.
            .UseNpgsql(server.ConnectionString(Template) + ";Pooling=false", o => o.UseNodaTime())
            .UseSnakeCaseNamingConvention()
            .Options;
        await using (var db = new MikroNetDb(options)) await db.Database.MigrateAsync();
        return server;
    }

    /// <summary>
    /// However this test process ends (the end of the run, a crash, kill -9), a detached watcher then stops the
    /// server and deletes the folder: the test host is ended too soon after the run to do that itself.
    /// </summary>
    private static void CleanUpWhenThisProcessEnds(string folder, string cluster)
    {
        var postmaster = File.ReadLines(Path.Combine(cluster, "postmaster.pid")).First();
        const string watcher = """
            ( while kill -0 "$1" 2>/dev/null; do sleep 1; done
              kill -QUIT "$2" 2>/dev/null
              while kill -0 "$2" 2>/dev/null; do sleep 0.2; done
              rm -rf -- "$3" ) </dev/null >/dev/null 2>&1 &
            """;
        Process.Start("sh", ["-c", watcher, "sh", Environment.ProcessId.ToString(), postmaster, folder])!.WaitForExit();
    }

    /// <summary>Folders of runs whose watcher did not finish (it was killed too): the lock tells they are abandoned.</summary>
    private static async Task RemoveAbandonedFoldersAsync()
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            if (await LocalPostgresServer.StopIfAbandonedAsync(Path.Combine(folder, "postgres"))) DeleteFolder(folder);
        }
    }

    private static void DeleteFolder(string folder)
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using MikroNet.Infrastructure.LocalPostgres;
using Npgsql;

namespace MikroNet.RestBench;

/// <summary>
/// The bench's private PostgreSQL (fsync off, like the test clusters) with pg_stat_statements loaded, so that the
/// statements a request costs are counted by the server itself, DISCARD ALL, BEGIN and COMMIT included.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    public const string Name = "restbench";
    private readonly string _folder;

    private BenchDatabase(string folder, LocalPostgresServer server)
    {
        _folder = folder;
        Server = server;
    }

    public LocalPostgresServer Server { get; private set; }
    public string ConnectionString => Server.ConnectionString(Name);
    public int Port => Server.Port;

    public static async Task<BenchDatabase> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mikronet-restbench-" + Guid.NewGuid().ToString("N")[..8]);
        var options = new LocalPostgresOptions { Durable = false };
        var data = Path.Combine(folder, "postgres");
        var server = await LocalPostgresServer.StartAsync(options, data, NullLogger.Instance);
        await using (var conn = new NpgsqlConnection(server.ConnectionString("postgres")))
        {
            await conn.OpenAsync();
            await Exec(conn, "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
        }
        await server.DisposeAsync();
        server = await LocalPostgresServer.StartAsync(options, data, NullLogger.Instance);
        await server.EnsureDatabaseAsync(Name);
        var db = new BenchDatabase(folder, server);
        await db.ExecAsync("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        return db;
    }

    public async Task ExecAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await Exec(conn, sql);
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    public Task ResetStatementsAsync() => ExecAsync("SELECT pg_stat_statements_reset()");

    /// <summary>
    /// Statements run in the bench database since the last reset, by text, leaving out the bench's own queries and
    /// the outbox worker's (it polls whatever the requests do).
    /// </summary>
    public async Task<List<(string Query, long Calls)>> StatementsAsync()
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT s.query, s.calls FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = @db AND s.query NOT ILIKE '%pg_stat_statements%' AND s.query NOT ILIKE '%router_commands%'
              AND s.query NOT ILIKE '%pg_stat_activity%'
            ORDER BY s.calls DESC
            """, conn);
        cmd.Parameters.AddWithValue("db", Name);
        var rows = new List<(string, long)>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetInt64(1)));
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static async Task Exec(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 300 };
        await cmd.ExecuteNonQueryAsync();
    }
}

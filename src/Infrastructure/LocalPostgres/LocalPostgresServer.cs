using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MikroNet.Infrastructure.LocalPostgres;

/// <summary>
/// A private PostgreSQL cluster for development and tests: initdb once, start on loopback, stop on dispose.
/// Authentication is "trust" because the server listens on 127.0.0.1 only and has no Unix socket.
/// </summary>
public sealed class LocalPostgresServer : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private readonly ProcessRunner _runner;
    private readonly ILogger _logger;
    private readonly bool _ownsProcess;

    private LocalPostgresServer(string dataDirectory, int port, ProcessRunner runner, ILogger logger, bool ownsProcess)
    {
        DataDirectory = dataDirectory;
        Port = port;
        _runner = runner;
        _logger = logger;
        _ownsProcess = ownsProcess;
    }

    public string DataDirectory { get; }
    public int Port { get; }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Database = database,
    }.ConnectionString;

    public static async Task<LocalPostgresServer> StartAsync(LocalPostgresOptions options, string dataDirectory,
        ILogger logger, CancellationToken ct = default)
    {
        var bin = PostgresBinaries.Locate(options.BinDirectory);
        var asRoot = Environment.UserName == "root";
        var runner = new ProcessRunner(bin, asRoot);
        dataDirectory = ClusterFolder.Prepare(dataDirectory, asRoot, logger);

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            logger.LogInformation("Creating a PostgreSQL cluster in {DataDirectory}", dataDirectory);
            await Expect(runner.RunAsync("initdb", ["-D", dataDirectory, "-U", Superuser, "--auth=trust",
                "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions"], ct), "initdb");
        }

        var running = RunningPort(dataDirectory);
        if (running is { } existing && await AcceptsConnections(existing, ct))
        {
            logger.LogInformation("PostgreSQL already running from {DataDirectory} on port {Port}", dataDirectory, existing);
            return new LocalPostgresServer(dataDirectory, existing, runner, logger, ownsProcess: false);
        }

        var port = options.Port > 0 ? options.Port : FreePort();
        var logFile = Path.Combine(dataDirectory, "server.log");
        await Expect(runner.RunAsync("pg_ctl", ["start", "-D", dataDirectory, "-l", logFile, "-w",
            "-t", ((int)options.StartTimeout.TotalSeconds).ToString(),
            "-o", ServerArguments(port, options)], ct),
            "pg_ctl start");

        var server = new LocalPostgresServer(dataDirectory, port, runner, logger, ownsProcess: true);
        await server.WaitUntilReadyAsync(options.StartTimeout, ct);
        logger.LogInformation("PostgreSQL {DataDirectory} listening on 127.0.0.1:{Port}", dataDirectory, port);
        return server;
    }

    public async Task EnsureDatabaseAsync(string database, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", conn);
        exists.Parameters.AddWithValue("n", database);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_ownsProcess) return;
        NpgsqlConnection.ClearAllPools();
        var (code, output) = await _runner.RunAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w"],
            CancellationToken.None);
        if (code != 0) _logger.LogWarning("pg_ctl stop failed: {Output}", output);
        else _logger.LogInformation("PostgreSQL {DataDirectory} stopped", DataDirectory);
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await AcceptsConnections(Port, ct))
        {
            if (DateTime.UtcNow > deadline)
                throw new LocalPostgresException($"PostgreSQL did not accept connections within {timeout}; see {DataDirectory}/server.log");
            await Task.Delay(100, ct);
        }
    }

    private static async Task<bool> AcceptsConnections(int port, CancellationToken ct)
    {
        try
        {
            var cs = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1", Port = port, Username = Superuser, Database = "postgres", Pooling = false, Timeout = 2,
            };
            await using var conn = new NpgsqlConnection(cs.ConnectionString);
            await conn.OpenAsync(ct);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>The port in postmaster.pid (line 4) when a server from an earlier run still holds the folder.</summary>
    private static int? RunningPort(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        try
        {
            var lines = File.ReadAllLines(pidFile);
            return lines.Length > 3 && int.TryParse(lines[3], out var port) ? port : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string ServerArguments(int port, LocalPostgresOptions options) =>
        $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" +
        // A throwaway server backs a whole test run: dozens of hosts, each with its own pool, share it at once.
        (options.Durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task Expect(Task<(int ExitCode, string Output)> run, string what)
    {
        var (code, output) = await run;
        if (code != 0) throw new LocalPostgresException($"{what} failed with exit code {code}: {output.Trim()}");
    }
}

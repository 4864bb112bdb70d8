using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MikroNet.Infrastructure.LocalPostgres;

/// <summary>
/// A private PostgreSQL cluster for development and tests: initdb once, start on loopback, stop on dispose.
/// It listens on 127.0.0.1 only, has no Unix socket, and its superuser logs in with a generated password
/// (<see cref="ClusterPassword"/>): other users of a shared machine cannot reach the data.
/// The process that uses the cluster holds an exclusive lock on <see cref="LockFile"/>; the kernel releases it when
/// that process ends, even by SIGKILL. A server found running with the lock free was left by a killed process:
/// it is adopted and stopped at the end like one started here. With the lock held by another process (a CLI verb
/// next to the running host) the server is used and left running.
/// </summary>
public sealed class LocalPostgresServer : IAsyncDisposable
{
    public const string LockFile = "mikronet.lock";
    private const string Superuser = "postgres";
    private readonly ProcessRunner _runner;
    private readonly ILogger _logger;
    private readonly FileStream? _lock;

    private readonly string _password;

    private LocalPostgresServer(string dataDirectory, int port, string password, ProcessRunner runner, ILogger logger,
        FileStream? ownership)
    {
        DataDirectory = dataDirectory;
        Port = port;
        _password = password;
        _runner = runner;
        _logger = logger;
        _lock = ownership;
    }

    public string DataDirectory { get; }
    public int Port { get; }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Password = _password,
        Database = database,
    }.ConnectionString;

    public static async Task<LocalPostgresServer> StartAsync(LocalPostgresOptions options, string dataDirectory,
        ILogger logger, CancellationToken ct = default)
    {
        var bin = PostgresBinaries.Locate(options.BinDirectory);
        var asRoot = Environment.UserName == "root";
        var runner = new ProcessRunner(bin, asRoot);
        var passwordFile = options.PasswordFile
            ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dataDirectory))!, "postgres.password");
        var password = ClusterPassword.ReadOrCreate(passwordFile);
        dataDirectory = ClusterFolder.Prepare(dataDirectory, asRoot, logger);

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            logger.LogInformation("Creating a PostgreSQL cluster in {DataDirectory}", dataDirectory);
            await Expect(runner.RunAsync("initdb", ["-D", dataDirectory, "-U", Superuser, "--auth=trust",
                "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions"], ct), "initdb");
        }

        var ownership = TryTakeOwnership(dataDirectory);
        // A live postmaster of this folder (a loaded machine may need a while before it answers) is used, not
        // started again; a pid file whose process is gone is stale and pg_ctl start deals with it.
        if (RunningServer(dataDirectory) is { } existing && IsPostgres(existing.Pid))
        {
            await WaitUntilAcceptingAsync(existing.Port, password, dataDirectory, options.StartTimeout, ct);
            if (ownership is null)
                logger.LogInformation("PostgreSQL {DataDirectory} on port {Port} is in use by another MikroNet process; " +
                    "using it and leaving it running", dataDirectory, existing.Port);
            else
                logger.LogInformation("PostgreSQL {DataDirectory} on port {Port} was left running by a process that " +
                    "ended without stopping it; adopting it (it stops when this process stops)", dataDirectory, existing.Port);
            var found = new LocalPostgresServer(dataDirectory, existing.Port, password, runner, logger, ownership);
            await found.RequirePasswordAsync(passwordFile, ct);
            return found;
        }

        var port = options.Port > 0 ? options.Port : FreePort();
        var logFile = Path.Combine(dataDirectory, "server.log");
        await Expect(runner.RunAsync("pg_ctl", ["start", "-D", dataDirectory, "-l", logFile, "-w",
            "-t", ((int)options.StartTimeout.TotalSeconds).ToString(),
            "-o", ServerArguments(port, options)], ct),
            "pg_ctl start");

        var server = new LocalPostgresServer(dataDirectory, port, password, runner, logger,
            ownership ?? TryTakeOwnership(dataDirectory) ?? throw new LocalPostgresException(
                $"Another process took {Path.Combine(dataDirectory, LockFile)} while this one started PostgreSQL."));
        await WaitUntilAcceptingAsync(port, password, dataDirectory, options.StartTimeout, ct);
        await server.RequirePasswordAsync(passwordFile, ct);
        logger.LogInformation("PostgreSQL {DataDirectory} listening on 127.0.0.1:{Port}", dataDirectory, port);
        return server;
    }

    /// <summary>A new cluster, or one made by a build that trusted local users, is switched to password logins.</summary>
    private async Task RequirePasswordAsync(string passwordFile, CancellationToken ct)
    {
        if (!ClusterPassword.Trusts(DataDirectory)) return;
        var trusted = new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Password = null, Pooling = false };
        await ClusterPassword.UpgradeAsync(DataDirectory, trusted.ConnectionString, _password, passwordFile, _logger, ct);
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
        if (_lock is null) return;
        NpgsqlConnection.ClearAllPools();
        var (code, output) = await _runner.RunAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w"],
            CancellationToken.None);
        if (code != 0) _logger.LogWarning("pg_ctl stop failed: {Output}", output);
        else _logger.LogInformation("PostgreSQL {DataDirectory} stopped", DataDirectory);
        await _lock.DisposeAsync();
    }

    /// <summary>
    /// Stops the server of a cluster whose owning process has ended (its lock is free) and answers true; false when
    /// the cluster is in use or was never locked (made by a build that did not lock, which is left alone).
    /// </summary>
    public static async Task<bool> StopIfAbandonedAsync(string dataDirectory, string? binDirectory = null)
    {
        if (!File.Exists(Path.Combine(dataDirectory, LockFile))) return false;
        await using var ownership = TryTakeOwnership(dataDirectory);
        if (ownership is null) return false;
        if (File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
        {
            var runner = new ProcessRunner(PostgresBinaries.Locate(binDirectory), Environment.UserName == "root");
            await runner.RunAsync("pg_ctl", ["stop", "-D", dataDirectory, "-m", "immediate", "-w"], CancellationToken.None);
        }
        return true;
    }

    private static async Task WaitUntilAcceptingAsync(int port, string password, string dataDirectory, TimeSpan timeout,
        CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await AcceptsConnections(port, password, ct))
        {
            if (DateTime.UtcNow > deadline)
                throw new LocalPostgresException($"PostgreSQL did not accept connections within {timeout}; see {dataDirectory}/server.log");
            await Task.Delay(100, ct);
        }
    }

    private static async Task<bool> AcceptsConnections(int port, string password, CancellationToken ct)
    {
        try
        {
            var cs = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1", Port = port, Username = Superuser, Password = password, Database = "postgres", Pooling = false,
                Timeout = 2,
            };
            await using var conn = new NpgsqlConnection(cs.ConnectionString);
            await conn.OpenAsync(ct);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidPassword)
        {
            throw new LocalPostgresException("The local PostgreSQL refuses the password in its password file " +
                "(LocalPostgres:PasswordFile): restore that file from the backup made with the cluster.");
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>The exclusive lock on the cluster, or null while another live process holds it.</summary>
    private static FileStream? TryTakeOwnership(string dataDirectory)
    {
        try
        {
            // FileShare.None is an advisory flock on Unix: it ends with the process, however the process ends.
            return new FileStream(Path.Combine(dataDirectory, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite,
                FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Pid (line 1) and port (line 4) of postmaster.pid, present while a server holds the folder.</summary>
    private static (int Pid, int Port)? RunningServer(string dataDirectory)
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(dataDirectory, "postmaster.pid"));
            return lines.Length > 3 && int.TryParse(lines[0], out var pid) && int.TryParse(lines[3], out var port)
                ? (pid, port)
                : null;
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

    /// <summary>After a reboot the pid in a stale file may belong to an unrelated process.</summary>
    private static bool IsPostgres(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && process.ProcessName == "postgres";
        }
        catch (ArgumentException)
        {
            return false;
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

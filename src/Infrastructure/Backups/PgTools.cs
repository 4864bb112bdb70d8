using System.Diagnostics;
using MikroNet.Infrastructure.LocalPostgres;
using Npgsql;

namespace MikroNet.Infrastructure.Backups;

/// <summary>
/// pg_dump and pg_restore from the installed PostgreSQL binaries, pointed at the database of a connection string.
/// The password travels in PGPASSWORD, never on the command line (where every user's `ps` would show it).
/// </summary>
public sealed class PgTools(string binDirectory, string connectionString)
{
    public static PgTools For(string connectionString, string? configuredBinDirectory) =>
        new(PostgresBinaries.Locate(configuredBinDirectory, "pg_dump", "pg_restore"), connectionString);

    public string Database => new NpgsqlConnectionStringBuilder(connectionString).Database ?? "";

    /// <summary>The whole database in pg_dump's custom format (compressed), owners and grants left out.</summary>
    public Task DumpAsync(string file, CancellationToken ct) =>
        RunAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", file], ct);

    /// <summary>
    /// Restores a dump in one transaction: every object of the dump is dropped first when it exists, so a failure
    /// leaves the database as it was.
    /// </summary>
    public Task RestoreAsync(string file, CancellationToken ct) =>
        RunAsync("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
            "--exit-on-error", file], ct);

    private async Task RunAsync(string program, IEnumerable<string> args, CancellationToken ct)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var psi = new ProcessStartInfo(Path.Combine(binDirectory, program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("--dbname=" + cs.Database);
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        psi.Environment["PGHOST"] = cs.Host;
        psi.Environment["PGPORT"] = cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["PGUSER"] = cs.Username;
        psi.Environment["PGDATABASE"] = cs.Database;
        if (cs.Password is { Length: > 0 } password) psi.Environment["PGPASSWORD"] = password;
        psi.Environment["PGSSLMODE"] = cs.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Require or SslMode.VerifyCA or SslMode.VerifyFull => cs.SslMode.ToString().ToLowerInvariant()
                .Replace("verifyca", "verify-ca").Replace("verifyfull", "verify-full"),
            _ => "prefer",
        };
        psi.Environment["LC_ALL"] = "C.UTF-8";

        using var process = Process.Start(psi) ?? throw new BackupException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new BackupException($"{program} failed (exit {process.ExitCode}): {(await stderr + await stdout).Trim()}");
    }
}

public sealed class BackupException(string message) : Exception(message);

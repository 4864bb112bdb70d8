using MikroNet.Infrastructure;
using MikroNet.Infrastructure.Backups;
using MikroNet.Infrastructure.LocalPostgres;
using MikroNet.Infrastructure.Storage;
using NodaTime;

namespace MikroNet.Host.Cli;

/// <summary>
/// `backup create [--to FILE]` and `backup restore FILE [--force]` against the configured database or the private
/// local server alike (docs/operations.md, "Backups"). A restore over a database that holds rows needs --force.
/// Exit codes: 0 done, 1 pg_dump/pg_restore failed, 2 bad arguments or refused.
/// </summary>
internal static class BackupVerb
{
    private const string Usage = "Usage: backup create [--to FILE] | backup restore FILE [--force]";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var config = app.Configuration;
        var connectionString = config.GetConnectionString(InfrastructureExtensions.ConnectionStringName)!;
        var storage = config.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new();
        var dataDirectory = DataPaths.Resolve(storage.DataDirectory);
        var bin = config[$"{LocalPostgresOptions.Section}:{nameof(LocalPostgresOptions.BinDirectory)}"];
        var now = app.Services.GetRequiredService<IClock>().GetCurrentInstant();
        try
        {
            var backup = new DatabaseBackup(PgTools.For(connectionString, bin), Path.Combine(dataDirectory, "keys"),
                connectionString);
            return args switch
            {
                ["create"] => await CreateAsync(backup, DefaultFile(dataDirectory, now), now),
                ["create", "--to", var file] => await CreateAsync(backup, file, now),
                ["restore", var file] when !file.StartsWith('-') => await RestoreAsync(backup, file, force: false),
                ["restore", var file, "--force"] => await RestoreAsync(backup, file, force: true),
                ["restore", "--force", var file] => await RestoreAsync(backup, file, force: true),
                _ => await RefuseAsync(Usage),
            };
        }
        catch (Exception e) when (e is BackupException or LocalPostgresException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
    }

    private static async Task<int> CreateAsync(DatabaseBackup backup, string file, Instant now)
    {
        var bytes = await backup.CreateAsync(file, now, CancellationToken.None);
        Console.WriteLine($"Backup written to {Path.GetFullPath(file)} ({bytes:N0} bytes)");
        return 0;
    }

    private static async Task<int> RestoreAsync(DatabaseBackup backup, string file, bool force)
    {
        if (!File.Exists(file)) return await RefuseAsync($"{file} does not exist.");
        var withRows = await backup.TablesWithRowsAsync(CancellationToken.None);
        if (withRows.Count > 0 && !force)
            return await RefuseAsync($"The database already holds data ({string.Join(", ", withRows.Take(5))}" +
                $"{(withRows.Count > 5 ? ", …" : "")}); restoring replaces it. Stop the service, then run again with --force.");
        var keys = await backup.RestoreAsync(file, CancellationToken.None);
        Console.WriteLine($"Restored {file}; {keys} Data Protection key(s) added. Run `migrate` when the backup " +
            "comes from an older version (the private local server migrates on start).");
        return 0;
    }

    private static string DefaultFile(string dataDirectory, Instant now) =>
        Path.Combine(dataDirectory, "backups", $"mikronet-{now.ToDateTimeUtc():yyyyMMdd-HHmmss}Z.tar");

    private static async Task<int> RefuseAsync(string message)
    {
        await Console.Error.WriteLineAsync(message);
        return 2;
    }
}

using System.Formats.Tar;
using System.Text.Json;
using Npgsql;
using NodaTime;
using NodaTime.Text;

namespace MikroNet.Infrastructure.Backups;

/// <summary>
/// A backup is one tar file: <c>manifest.json</c>, <c>database.dump</c> (pg_dump's custom format) and <c>keys/</c>,
/// the Data Protection keys without which the stored router and PPP passwords cannot be read again. It is written
/// to a temporary file and renamed, so a failed backup never leaves a file that looks complete, and it is readable by
/// this user only (it holds the keys).
/// </summary>
public sealed class DatabaseBackup(PgTools tools, string keyFolder, string connectionString)
{
    public const string Manifest = "manifest.json";
    public const string Dump = "database.dump";
    public const string KeysPrefix = "keys/";

    public async Task<long> CreateAsync(string file, Instant now, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var work = Directory.CreateTempSubdirectory("mikronet-backup-");
        var partial = file + ".partial";
        try
        {
            var dump = Path.Combine(work.FullName, Dump);
            await tools.DumpAsync(dump, ct);
            await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(partial, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                await using var tar = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: false);
                var manifest = JsonSerializer.SerializeToUtf8Bytes(new
                {
                    format = 1, created_at = InstantPattern.ExtendedIso.Format(now), database = tools.Database,
                    migration = await LastMigrationAsync(ct),
                });
                await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, Manifest)
                    { DataStream = new MemoryStream(manifest) }, ct);
                await tar.WriteEntryAsync(dump, Dump, ct);
                foreach (var key in Directory.Exists(keyFolder) ? Directory.GetFiles(keyFolder, "*.xml") : [])
                    await tar.WriteEntryAsync(key, KeysPrefix + Path.GetFileName(key), ct);
            }
            File.Move(partial, file, overwrite: true);
            return new FileInfo(file).Length;
        }
        finally
        {
            File.Delete(partial);
            work.Delete(recursive: true);
        }
    }

    /// <summary>Tables of the target that hold rows; a restore over them needs --force.</summary>
    public async Task<IReadOnlyList<string>> TablesWithRowsAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory' ORDER BY 1",
            connection))
        await using (var reader = await list.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
        var withRows = new List<string>();
        foreach (var table in tables)
        {
            await using var any = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM \"{table}\")", connection);
            if ((bool)(await any.ExecuteScalarAsync(ct))!) withRows.Add(table);
        }
        return withRows;
    }

    /// <summary>Restores the database and adds the backup's keys the key folder lacks; answers how many were added.</summary>
    public async Task<int> RestoreAsync(string file, CancellationToken ct)
    {
        var work = Directory.CreateTempSubdirectory("mikronet-restore-");
        try
        {
            var keys = new List<string>();
            var sawManifest = false;
            await using (var stream = File.OpenRead(file))
            await using (var tar = new TarReader(stream))
            {
                while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
                {
                    if (entry.EntryType != TarEntryType.RegularFile) continue;
                    if (entry.Name == Manifest) sawManifest = true;
                    else if (entry.Name == Dump) await entry.ExtractToFileAsync(Path.Combine(work.FullName, Dump), false, ct);
                    else if (entry.Name.StartsWith(KeysPrefix, StringComparison.Ordinal)
                        && Path.GetFileName(entry.Name) is var name && name.EndsWith(".xml", StringComparison.Ordinal)
                        && name == Path.GetFileName(name))
                    {
                        var target = Path.Combine(work.FullName, name);
                        await entry.ExtractToFileAsync(target, false, ct);
                        keys.Add(target);
                    }
                }
            }
            var dump = Path.Combine(work.FullName, Dump);
            if (!sawManifest || !File.Exists(dump)) throw new BackupException($"{file} is not a MikroNet backup.");

            await tools.RestoreAsync(dump, ct);
            Directory.CreateDirectory(keyFolder);
            var added = 0;
            foreach (var key in keys)
            {
                var target = Path.Combine(keyFolder, Path.GetFileName(key));
                if (File.Exists(target)) continue;
                File.Copy(key, target);
                added++;
            }
            return added;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new BackupException($"{file} is not a MikroNet backup: {e.Message}");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private async Task<string?> LastMigrationAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('public.\"__EFMigrationsHistory\"') IS NOT NULL", connection);
        if (!(bool)(await exists.ExecuteScalarAsync(ct))!) return null;
        // The first column is the migration id, whatever the naming convention called it.
        await using var last = new NpgsqlCommand("SELECT * FROM \"__EFMigrationsHistory\" ORDER BY 1 DESC LIMIT 1", connection);
        return await last.ExecuteScalarAsync(ct) as string;
    }
}

using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MikroNet.Infrastructure.LocalPostgres;

/// <summary>
/// The private cluster does not trust every local user: its superuser has a generated password (scram-sha-256),
/// kept in a file readable by this user only, beside the Data Protection keys. A cluster made by an older build
/// (pg_hba.conf "trust") is upgraded when it starts: the password is set over the still-trusted connection, then
/// pg_hba.conf is rewritten and reloaded.
/// </summary>
internal static class ClusterPassword
{
    public const string Method = "scram-sha-256";

    /// <summary>The password in <paramref name="file"/>, generated (and the file made, mode 600) when there is none.</summary>
    public static string ReadOrCreate(string file)
    {
        if (File.Exists(file)) return File.ReadAllText(file).Trim();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            using var writer = new StreamWriter(stream);
            writer.Write(password);
        }
        return password;
    }

    /// <summary>True while pg_hba.conf lets some connection in without a password.</summary>
    public static bool Trusts(string dataDirectory) =>
        File.ReadAllLines(HbaFile(dataDirectory)).Select(l => l.Split('#')[0].Split((char[])[' ', '\t'],
                StringSplitOptions.RemoveEmptyEntries))
            .Any(fields => fields.Length > 0 && fields[^1] is "trust" or "peer" or "ident");

    /// <summary>Sets the password over the trusted connection, then allows password logins only.</summary>
    public static async Task UpgradeAsync(string dataDirectory, string connectionWithoutPassword, string password,
        string passwordFile, ILogger logger, CancellationToken ct)
    {
        await using (var conn = new NpgsqlConnection(connectionWithoutPassword))
        {
            await conn.OpenAsync(ct);
            // ALTER ROLE takes no parameters; the password is hex, so quoting it is safe.
            await using var set = new NpgsqlCommand(
                $"SET password_encryption = '{Method}'; ALTER ROLE CURRENT_USER PASSWORD '{password}'", conn);
            await set.ExecuteNonQueryAsync(ct);
            await File.WriteAllTextAsync(HbaFile(dataDirectory), $"""
                # Written by MikroNet: password logins only ({Method}); the password is in {passwordFile}.
                local all all {Method}
                host all all 127.0.0.1/32 {Method}
                host all all ::1/128 {Method}

                """, ct);
            await using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", conn);
            await reload.ExecuteNonQueryAsync(ct);
        }
        NpgsqlConnection.ClearAllPools();
        logger.LogInformation("PostgreSQL {DataDirectory} now requires a password ({Method}); it is kept in {File}",
            dataDirectory, Method, passwordFile);
    }

    private static string HbaFile(string dataDirectory) => Path.Combine(dataDirectory, "pg_hba.conf");
}

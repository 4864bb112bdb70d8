using MikroNet.Infrastructure.LocalPostgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.LocalPostgres;

/// <summary>The private cluster lets in only who has the generated password, and upgrades a cluster that trusted everyone.</summary>
public sealed class LocalPostgresAuthTests
{
    [Fact]
    public async Task Start_NewCluster_RefusesLoginsWithoutThePassword()
    {
        var folder = Folder();
        try
        {
            var passwordFile = Path.Combine(folder, "secrets", "postgres.password");
            await using var server = await LocalPostgresServer.StartAsync(Options(passwordFile), Path.Combine(folder, "pg"),
                NullLogger.Instance);

            await CanLogInAsync(server.ConnectionString("postgres")).ShouldBeAsync(true);
            await CanLogInAsync(WithoutPassword(server)).ShouldBeAsync(false);
            await CanLogInAsync(WithPassword(server, "guessed")).ShouldBeAsync(false);
            if (!OperatingSystem.IsWindows())
                File.GetUnixFileMode(passwordFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            (await File.ReadAllTextAsync(Path.Combine(server.DataDirectory, "pg_hba.conf"))).ShouldNotContain("trust");
        }
        finally
        {
            Delete(folder);
        }
    }

    [Fact]
    public async Task Start_ClusterThatTrustedLocalUsers_IsUpgradedAndKeepsItsData()
    {
        var folder = Folder();
        try
        {
            var passwordFile = Path.Combine(folder, "postgres.password");
            string dataDirectory;
            await using (var old = await LocalPostgresServer.StartAsync(Options(passwordFile), Path.Combine(folder, "pg"),
                NullLogger.Instance))
            {
                dataDirectory = old.DataDirectory;
                await old.EnsureDatabaseAsync("kept");
                await using var conn = new NpgsqlConnection(old.ConnectionString("kept"));
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand("CREATE TABLE survivor (id int); INSERT INTO survivor VALUES (7)", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            // As an older build left it: trust on loopback, no password file.
            await File.WriteAllTextAsync(Path.Combine(dataDirectory, "pg_hba.conf"), "host all all 127.0.0.1/32 trust\n");
            File.Delete(passwordFile);

            await using var upgraded = await LocalPostgresServer.StartAsync(Options(passwordFile), Path.Combine(folder, "pg"),
                NullLogger.Instance);

            File.Exists(passwordFile).ShouldBeTrue();
            await CanLogInAsync(WithoutPassword(upgraded)).ShouldBeAsync(false);
            await using var check = new NpgsqlConnection(upgraded.ConnectionString("kept"));
            await check.OpenAsync();
            await using var read = new NpgsqlCommand("SELECT id FROM survivor", check);
            (await read.ExecuteScalarAsync()).ShouldBe(7);
        }
        finally
        {
            Delete(folder);
        }
    }

    private static LocalPostgresOptions Options(string passwordFile) => new() { Durable = false, PasswordFile = passwordFile };

    private static string WithoutPassword(LocalPostgresServer server) => WithPassword(server, null);

    private static string WithPassword(LocalPostgresServer server, string? password) =>
        new NpgsqlConnectionStringBuilder(server.ConnectionString("postgres")) { Password = password, Pooling = false }
            .ConnectionString;

    private static async Task<bool> CanLogInAsync(string connectionString)
    {
        try
        {
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync();
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private static string Folder() => Path.Combine(Path.GetTempPath(), "mikronet-auth-" + Guid.NewGuid().ToString("N")[..8]);

    private static void Delete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

internal static class BoolTaskAssertions
{
    public static async Task ShouldBeAsync(this Task<bool> task, bool expected) => (await task).ShouldBe(expected);
}

using MikroNet.Infrastructure.LocalPostgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.LocalPostgres;

public sealed class LocalPostgresServerTests
{
    [Fact]
    public void Locate_NoBinariesAnywhere_SaysWhatToInstallInOneLine()
    {
        var error = Should.Throw<LocalPostgresException>(() => PostgresBinaries.FirstComplete(["/nonexistent/bin"]));
        error.Message.ShouldContain("apt-get install postgresql");
        error.Message.ShouldContain("ConnectionStrings:Postgres");
        error.Message.ShouldNotContain("\n");
    }

    [Fact]
    public async Task Start_AgainOnSameFolder_KeepsData()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mikronet-restart-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var options = new LocalPostgresOptions { Durable = false };
            await using (var first = await LocalPostgresServer.StartAsync(options, Path.Combine(folder, "pg"), NullLogger.Instance))
            {
                await first.EnsureDatabaseAsync("kept");
                await ExecuteAsync(first.ConnectionString("kept"), "CREATE TABLE survivor (id int); INSERT INTO survivor VALUES (42)");
            }

            await using var second = await LocalPostgresServer.StartAsync(options, Path.Combine(folder, "pg"), NullLogger.Instance);
            await using var conn = new NpgsqlConnection(second.ConnectionString("kept"));
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT id FROM survivor", conn);
            (await cmd.ExecuteScalarAsync()).ShouldBe(42);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}

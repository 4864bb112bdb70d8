using MikroNet.Tests.Driver;
using MikroNet.Tests.Fixtures;
using Npgsql;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Host;

/// <summary>`backup create` and `backup restore` run by the built host as a process, as cron or an operator runs them.</summary>
public sealed class BackupTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Backup_CreateThenRestoreIntoAFreshDatabase_FindsEveryRow()
    {
        var plan = await app.Api.AddPlanAsync(120_000m);
        var client = await app.Api.AddClientAsync(await app.Api.AddRouterAsync(), planId: plan);
        var invoice = (await app.Api.InvoicesAsync(client)).Single();
        (await app.Api.PayAsync(invoice.InvoiceId, 50_000m, key: "backup-pay-1")).Expect(201);
        await app.Api.AddUserAsync(Api.Unique("bk"), "backup-user-1", "cashier");
        var file = Path.Combine(app.DataDirectory, "backups", "nightly.tar");

        var created = await RunAsync(app.ConnectionString, app.DataDirectory, "backup", "create", "--to", file);
        created.Code.ShouldBe(0, created.Output);
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var target = await TestPostgres.CreateEmptyDatabaseAsync();
        var otherData = Path.Combine(app.DataDirectory, "restored");
        var restored = await RunAsync(target, otherData, "backup", "restore", file);
        restored.Code.ShouldBe(0, restored.Output);

        (await ContentsAsync(target)).ShouldBe(await ContentsAsync(app.ConnectionString));
        Directory.GetFiles(Path.Combine(otherData, "keys")).Select(Path.GetFileName).Order()
            .ShouldBe(Directory.GetFiles(Path.Combine(app.DataDirectory, "keys")).Select(Path.GetFileName).Order());

        var refused = await RunAsync(target, otherData, "backup", "restore", file);
        refused.Code.ShouldBe(2);
        refused.Output.ShouldContain("already holds data");
        var forced = await RunAsync(target, otherData, "backup", "restore", file, "--force");
        forced.Code.ShouldBe(0, forced.Output);
        (await ContentsAsync(target)).ShouldBe(await ContentsAsync(app.ConnectionString));
    }

    [Fact]
    public async Task Backup_RestoreOfAFileThatIsNotABackup_Exits1AndWritesNothing()
    {
        var junk = Path.Combine(app.DataDirectory, "junk.tar");
        Directory.CreateDirectory(app.DataDirectory);
        await File.WriteAllTextAsync(junk, "not a tar file at all");
        var target = await TestPostgres.CreateEmptyDatabaseAsync();

        var result = await RunAsync(target, Path.Combine(app.DataDirectory, "junk"), "backup", "restore", junk);

        result.Code.ShouldBe(1, result.Output);
        result.Output.ShouldContain("not a MikroNet backup");
        (await ContentsAsync(target)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("backup")]
    [InlineData("backup", "create", "--to")]
    [InlineData("backup", "restore")]
    [InlineData("backup", "restore", "--force")]
    [InlineData("backup", "drop")]
    public async Task Backup_BadArguments_Exit2WithUsage(params string[] args)
    {
        var result = await RunAsync(app.ConnectionString, app.DataDirectory, args);
        result.Code.ShouldBe(2, result.Output);
        result.Output.ShouldContain("Usage: backup");
    }

    private static async Task<(int Code, string Output)> RunAsync(string connectionString, string dataDirectory,
        params string[] args)
    {
        using var process = HostProcess.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Storage__DataDirectory"] = dataDirectory,
        }, args);
        return (await process.ExitCodeAsync(Timeout), process.Output);
    }

    /// <summary>Every table's rows (as text, in order) and every sequence's position, by name.</summary>
    private static async Task<SortedDictionary<string, string>> ContentsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        var contents = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            await using var rows = new NpgsqlCommand(
                $"SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') FROM \"{name}\" t",
                connection);
            contents[name] = (string)(await rows.ExecuteScalarAsync())!;
        }
        await using (var sequences = new NpgsqlCommand(
            "SELECT sequencename, coalesce(last_value, 0) FROM pg_sequences WHERE schemaname = 'public'", connection))
        await using (var reader = await sequences.ExecuteReaderAsync())
            while (await reader.ReadAsync()) contents["sequence " + reader.GetString(0)] = reader.GetInt64(1).ToString();
        return contents;
    }
}

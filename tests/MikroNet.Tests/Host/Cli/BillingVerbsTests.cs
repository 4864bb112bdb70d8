using MikroNet.Tests.Fixtures;
using Npgsql;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Host.Cli;

/// <summary>`billing generate-invoices|enforce` as cron runs it: the built host in its own process on the test database.</summary>
public sealed class BillingVerbsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData("generate-invoices", 40)]
    [InlineData("enforce", 40)]
    [InlineData("generate-invoices", -400)]
    [InlineData("enforce", -400)]
    public async Task Billing_AsOfOutsideTheWindow_Exits2WithOneReasonAndWritesNothing(string verb, int days)
    {
        await SeedClientDueForRenewalAsync();
        var before = await CountsAsync();

        using var host = Run("billing", verb, "--as-of", Day(days));

        (await host.ExitCodeAsync(Patience)).ShouldBe(2, host.Output);
        host.Output.ShouldContain("billing: as_of must not be", Case.Sensitive, host.Output);
        if (days > 0) host.Output.ShouldContain("send --dry-run", Case.Sensitive, host.Output);
        (await CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Billing_FutureAsOfWithDryRun_Exits0AndWritesNothing()
    {
        await SeedClientDueForRenewalAsync();
        var before = await CountsAsync();

        using var host = Run("billing", "generate-invoices", "--as-of", Day(40), "--dry-run");

        (await host.ExitCodeAsync(Patience)).ShouldBe(0, host.Output);
        host.Output.ShouldContain("Dry run, nothing written");
        (await CountsAsync()).ShouldBe(before);
    }

    private HostProcess Run(params string[] args) =>
        HostProcess.Start(new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = app.ConnectionString }, args);

    /// <summary>A date this many days from today, far enough past the window in every time zone.</summary>
    private static string Day(int days) => DateTime.UtcNow.Date.AddDays(days).ToString("yyyy-MM-dd");

    /// <summary>A monthly client registered today: a run forty days ahead would raise its next invoice.</summary>
    private async Task SeedClientDueForRenewalAsync()
    {
        var router = await app.Api.AddRouterAsync();
        var plan = await app.Api.AddPlanAsync();
        await app.Api.AddClientAsync(router, planId: plan);
    }

    private async Task<(long Invoices, long Isolated)> CountsAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM invoices), (SELECT count(*) FROM clients WHERE isolated_at IS NOT NULL)", connection);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}

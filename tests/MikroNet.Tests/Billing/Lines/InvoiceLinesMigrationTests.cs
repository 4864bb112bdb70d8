using MikroNet.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;
using Npgsql;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing.Lines;

/// <summary>The InvoiceLines migration on a database holding invoices raised before lines existed.</summary>
public sealed class InvoiceLinesMigrationTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Migrate_OldInvoices_EachBecomesOnePeriodLineOfItsTotal()
    {
        var plan = (await app.Api.CreatePlanAsync(Driver.Api.NewPlan(123_456m, name: "Old plan"))).Expect(201).Data;
        var client = await app.Api.AddClientAsync(await app.Api.AddRouterAsync(), planId: plan.PlanId,
            start: new LocalDate(2026, 11, 25));
        await using var db = app.Db();
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var before = migrations[migrations.FindIndex(m => m.EndsWith("_InvoiceLines")) - 1];

        await migrator.MigrateAsync(before);
        (await ScalarAsync("SELECT count(*)::text FROM invoices")).ShouldBe("1");
        await migrator.MigrateAsync();

        (await ScalarAsync("""
            SELECT string_agg(l.kind || '|' || l.description || '|' || l.amount || '|' || i.net_amount || '|' || i.tax_amount, ';')
            FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
            """)).ShouldBe("period|Old plan, 2026-11-25 – 2026-12-24|123456.00|123456.00|0.00");
        (await app.Api.InvoicesAsync(client)).Single().Lines.Single().Amount.ShouldBe(123_456m);
    }

    private async Task<string?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync();
    }
}

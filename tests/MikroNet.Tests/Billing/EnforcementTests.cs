using Microsoft.EntityFrameworkCore;
using MikroNet.Infrastructure.Outbox;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing;

public sealed class EnforcementTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Enforce_UnpaidPastGrace_IsolatesThenPaymentRestores()
    {
        var router = await app.Api.AddRouterAsync();
        var plan = await app.Api.AddPlanAsync(100_000m);
        var client = await app.Api.AddClientAsync(router, planId: plan, start: new LocalDate(2026, 11, 25));
        var invoice = (await app.Api.InvoicesAsync(client))[0].InvoiceId;
        long lastCommand;
        await using (var db = app.Db()) lastCommand = await db.RouterCommands.MaxAsync(c => c.Id);

        // Due Dec 4; the three grace days run to Dec 7.
        (await app.EnforceInProcessAsync(new LocalDate(2026, 12, 7))).ClientsIsolated.ShouldBe(0);
        var result = await app.EnforceInProcessAsync(new LocalDate(2026, 12, 8));
        result.ClientsIsolated.ShouldBeGreaterThanOrEqualTo(1);

        await using (var db = app.Db())
        {
            (await db.Invoices.SingleAsync(i => i.Id == invoice)).Status.ShouldBe(InvoiceStatus.Overdue);
            var saved = await db.Clients.SingleAsync(c => c.Id == client);
            saved.IsolatedAt.ShouldNotBeNull();
            saved.SecretDisabled.ShouldBeTrue();
            var commands = await db.RouterCommands.Where(c => c.ClientId == client && c.Id > lastCommand)
                .OrderBy(c => c.Id).ToListAsync();
            commands.Select(c => c.Kind).ShouldBe([RouterCommandKind.SyncSecret, RouterCommandKind.KickSession]);
            commands.ShouldAllBe(c => c.RouterId == router && c.Status == OutboxStatus.Pending);
            commands[0].Payload.ShouldContain(saved.PppSecretName);
            lastCommand = commands[^1].Id;
        }
        (await app.Api.ClientDetailsAsync(client)).Data.Client.Status.ShouldBe("isolated");

        // Enforcing again changes nothing.
        (await app.EnforceInProcessAsync(new LocalDate(2026, 12, 9))).ClientsIsolated.ShouldBe(0);

        var part = await app.Api.PayAsync(invoice, 40_000m);
        part.Data.ClientRestored.ShouldBeFalse();
        part.Data.Invoice.InvoiceStatus.ShouldBe("overdue");
        var rest = await app.Api.PayAsync(invoice, 60_000m);
        rest.Status.ShouldBe(201);
        rest.Data.ClientRestored.ShouldBeTrue();

        await using (var db = app.Db())
        {
            var saved = await db.Clients.SingleAsync(c => c.Id == client);
            saved.IsolatedAt.ShouldBeNull();
            var commands = await db.RouterCommands.Where(c => c.ClientId == client && c.Id > lastCommand).ToListAsync();
            commands.Select(c => c.Kind).ShouldBe([RouterCommandKind.SyncSecret]);
        }
        (await app.Api.ClientDetailsAsync(client)).Data.Client.Status.ShouldBe("active");
    }

    [Fact]
    public async Task Pay_OneOfTwoOverdue_StaysIsolated()
    {
        var router = await app.Api.AddRouterAsync();
        var plan = await app.Api.AddPlanAsync(100_000m);
        var client = await app.Api.AddClientAsync(router, planId: plan, start: new LocalDate(2026, 11, 25));
        await using (var db = app.Db())
        {
            // A second overdue invoice, as a one-off charge would be.
            var first = await db.Invoices.SingleAsync(i => i.ClientId == client);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO invoices (number, number_year, number_sequence, client_id, subscription_id, kind, invoice_date,
                                      due_date, total_amount, amount_paid, status, created_at, updated_at)
                VALUES ('INV-2030-000001', 2030, 1, {client}, {first.SubscriptionId}, 'other', '2026-11-25', '2026-11-30',
                        5000, 0, 'pending', now(), now())
                """);
        }
        await app.EnforceInProcessAsync(new LocalDate(2026, 12, 8));
        var invoices = await app.Api.InvoicesAsync(client);
        var period = invoices.Single(i => i.TotalAmount == 100_000m);
        (await app.Api.PayAsync(period.InvoiceId, 100_000m)).Data.ClientRestored.ShouldBeFalse();
        await using var check = app.Db();
        (await check.Clients.SingleAsync(c => c.Id == client)).IsolatedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task Service_DayPastGrace_RecordsIsolationInBillingRun()
    {
        await using var travel = await app.TimeTravelAsync();
        var router = await app.Api.AddRouterAsync();
        var plan = await app.Api.AddPlanAsync();
        var client = await app.Api.AddClientAsync(router, planId: plan, start: new LocalDate(2026, 11, 25));
        app.SetUtc(2026, 12, 20, 3);

        var run = (await app.BillingService().RunDueAsync(default)).ShouldHaveSingleItem();
        run.ClientsIsolated.ShouldBeGreaterThanOrEqualTo(1);
        await using var db = app.Db();
        (await db.Clients.SingleAsync(c => c.Id == client)).IsolatedAt.ShouldNotBeNull();
        (await db.Subscriptions.CountAsync(s => s.ClientId == client)).ShouldBe(1);
    }
}

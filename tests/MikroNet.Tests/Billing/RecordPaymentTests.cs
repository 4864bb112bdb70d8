using Microsoft.EntityFrameworkCore;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing;

public sealed class RecordPaymentTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<int> OpenInvoiceAsync(decimal price)
    {
        var router = await app.Api.AddRouterAsync();
        var plan = await app.Api.AddPlanAsync(price);
        var client = await app.Api.AddClientAsync(router, planId: plan, start: new LocalDate(2026, 11, 25));
        return (await app.Api.InvoicesAsync(client))[0].InvoiceId;
    }

    [Fact]
    public async Task Pay_PartThenRest_GoesPartiallyPaidThenPaid()
    {
        var invoice = await OpenInvoiceAsync(100_000m);
        var data = (await app.Api.PayAsync(invoice, 40_000m, method: "bank_transfer", reference: "TRX-1")).Expect(201).Data;
        data.Invoice.InvoiceStatus.ShouldBe("partially_paid");
        data.Invoice.Balance.ShouldBe(60_000m);
        data.Payment.PaymentMethod.ShouldBe("bank_transfer");
        data.Payment.PaymentDate.ShouldBe(new LocalDate(2026, 11, 25));

        var rest = (await app.Api.PayAsync(invoice, 60_000m, method: "e_wallet")).Expect(201).Data;
        rest.Invoice.InvoiceStatus.ShouldBe("paid");
    }

    [Fact]
    public async Task Pay_InvalidAmounts_Return422()
    {
        var invoice = await OpenInvoiceAsync(100_000m);
        (await app.Api.PayAsync(invoice, 0m)).Status.ShouldBe(422);
        (await app.Api.PayAsync(invoice, -5m)).Status.ShouldBe(422);
        var overpaid = await app.Api.PayAsync(invoice, 100_000.01m);
        overpaid.Status.ShouldBe(422);
        overpaid.Text.ShouldContain("open balance");
        (await app.Api.PayAsync(invoice, 10m, method: "cheque")).Status.ShouldBe(400);
        (await app.Api.PayAsync(999_999, 10m)).Status.ShouldBe(404);
        await using var db = app.Db();
        (await db.Payments.CountAsync(p => p.InvoiceId == invoice)).ShouldBe(0);
    }

    [Fact]
    public async Task Pay_ReplayedKey_ReturnsFirstAnswerAndPaysOnce()
    {
        var invoice = await OpenInvoiceAsync(100_000m);
        var first = await app.Api.PayAsync(invoice, 25_000m, key: "pay-replay-1");
        var again = await app.Api.PayAsync(invoice, 25_000m, key: "pay-replay-1");
        first.Status.ShouldBe(201);
        again.Status.ShouldBe(201);
        again.Text.ShouldBe(first.Text);

        var conflict = await app.Api.PayAsync(invoice, 30_000m, key: "pay-replay-1");
        conflict.Status.ShouldBe(409);
        await using var db = app.Db();
        (await db.Payments.CountAsync(p => p.InvoiceId == invoice)).ShouldBe(1);
        (await db.Invoices.SingleAsync(i => i.Id == invoice)).AmountPaid.ShouldBe(25_000m);
    }

    [Fact]
    public async Task Pay_ConcurrentReplays_PayOnce()
    {
        var invoice = await OpenInvoiceAsync(100_000m);
        var answers = await Task.WhenAll(Enumerable.Range(0, 5)
            .Select(_ => Task.Run(() => app.Api.PayAsync(invoice, 10_000m, key: "pay-race-1"))));
        answers.ShouldAllBe(a => a.Status == 201);
        answers.Select(a => a.Text).Distinct().Count().ShouldBe(1);
        await using var db = app.Db();
        (await db.Payments.CountAsync(p => p.InvoiceId == invoice)).ShouldBe(1);
    }

    [Fact]
    public async Task Pay_ConcurrentPayments_NeverOverpay()
    {
        var invoice = await OpenInvoiceAsync(100_000m);
        var answers = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => app.Api.PayAsync(invoice, 30_000m, key: $"pay-split-{i}"))));
        answers.Count(a => a.Status == 201).ShouldBe(3);
        answers.Count(a => a.Status == 422).ShouldBe(5);
        await using var db = app.Db();
        var saved = await db.Invoices.SingleAsync(i => i.Id == invoice);
        saved.AmountPaid.ShouldBe(90_000m);
        (await db.Payments.Where(p => p.InvoiceId == invoice).SumAsync(p => p.Amount)).ShouldBe(90_000m);
        saved.Status.ShouldBe(Infrastructure.Persistence.Entities.InvoiceStatus.PartiallyPaid);
    }

    /// <summary>
    /// Payments waiting at the same moment share a transaction (SharedTransactions): many invoices paid at once (in
    /// part, then in full, in either order), replayed, and one key sent for two invoices, each come out as if alone.
    /// </summary>
    [Fact]
    public async Task Pay_ManyInvoicesAtOnce_EachAsIfAlone()
    {
        var invoices = new List<int>();
        for (var i = 0; i < 8; i++) invoices.Add(await OpenInvoiceAsync(100_000m));
        var key = "pay-many-" + Guid.NewGuid().ToString("N")[..8];
        var requests = invoices.Take(6).SelectMany((invoice, i) => new[]
        {
            (Invoice: invoice, Amount: 30_000m, Key: $"{key}-{i}-a"),
            (Invoice: invoice, Amount: 30_000m, Key: $"{key}-{i}-a"),
            (Invoice: invoice, Amount: 70_000m, Key: $"{key}-{i}-b"),
        }).Append((Invoice: invoices[6], Amount: 1m, Key: $"{key}-shared")).Append((Invoice: invoices[7], Amount: 1m, Key: $"{key}-shared")).ToList();

        var answers = await Task.WhenAll(requests.Select(r => Task.Run(() => app.Api.PayAsync(r.Invoice, r.Amount, key: r.Key))));

        answers[^2..].Select(a => a.Status).Order().ShouldBe([201, 409]);
        answers[..^2].ShouldAllBe(a => a.Status == 201);
        for (var i = 0; i < 6; i++) answers[3 * i + 1].Text.ShouldBe(answers[3 * i].Text);
        await using var db = app.Db();
        foreach (var invoice in invoices.Take(6))
        {
            var saved = await db.Invoices.SingleAsync(x => x.Id == invoice);
            saved.AmountPaid.ShouldBe(100_000m);
            saved.Status.ShouldBe(Infrastructure.Persistence.Entities.InvoiceStatus.Paid);
            (await db.Payments.Where(p => p.InvoiceId == invoice).Select(p => p.Amount).OrderBy(a => a).ToListAsync())
                .ShouldBe([30_000m, 70_000m]);
        }
        (await db.Payments.CountAsync(p => p.InvoiceId == invoices[6] || p.InvoiceId == invoices[7])).ShouldBe(1);
        (await db.IdempotencyRecords.CountAsync(r => r.Key.StartsWith(key))).ShouldBe(13);
        (await db.AuditEntries.CountAsync(e => e.Action == "payment.recorded" && invoices.Select(i => i.ToString()).Contains(e.EntityId)))
            .ShouldBe(13);
    }
}

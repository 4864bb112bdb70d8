using Microsoft.EntityFrameworkCore;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing;

public sealed class RecordPaymentTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly BillingDriver _billing = new(app);

    private async Task<int> OpenInvoiceAsync(decimal price)
    {
        var router = await _billing.RouterAsync();
        var plan = await _billing.PlanAsync(price);
        var client = await _billing.ClientAsync(router, plan, new LocalDate(2026, 11, 25));
        return (await _billing.InvoicesAsync(client))[0].GetProperty("invoice_id").GetInt32();
    }

    [Fact]
    public async Task Pay_PartThenRest_GoesPartiallyPaidThenPaid()
    {
        var invoice = await OpenInvoiceAsync(100_000m);
        var (status, body) = await _billing.PayAsync(invoice, 40_000m, method: "bank_transfer", reference: "TRX-1");
        status.ShouldBe(201, body.ToString());
        var data = body.GetProperty("data");
        data.GetProperty("invoice").GetProperty("invoice_status").GetString().ShouldBe("partially_paid");
        data.GetProperty("invoice").GetProperty("balance").GetDecimal().ShouldBe(60_000m);
        data.GetProperty("payment").GetProperty("payment_method").GetString().ShouldBe("bank_transfer");
        data.GetProperty("payment").GetProperty("payment_date").GetString().ShouldBe("2026-11-25");

        (status, body) = await _billing.PayAsync(invoice, 60_000m, method: "e_wallet");
        status.ShouldBe(201, body.ToString());
        body.GetProperty("data").GetProperty("invoice").GetProperty("invoice_status").GetString().ShouldBe("paid");
    }

    [Fact]
    public async Task Pay_InvalidAmounts_Return422()
    {
        var invoice = await OpenInvoiceAsync(100_000m);
        (await _billing.PayAsync(invoice, 0m)).Status.ShouldBe(422);
        (await _billing.PayAsync(invoice, -5m)).Status.ShouldBe(422);
        var (status, body) = await _billing.PayAsync(invoice, 100_000.01m);
        status.ShouldBe(422);
        body.ToString().ShouldContain("open balance");
        (await _billing.PayAsync(invoice, 10m, method: "cheque")).Status.ShouldBe(400);
        (await _billing.PayAsync(999_999, 10m)).Status.ShouldBe(404);
        await using var db = app.Db();
        (await db.Payments.CountAsync(p => p.InvoiceId == invoice)).ShouldBe(0);
    }

    [Fact]
    public async Task Pay_ReplayedKey_ReturnsFirstAnswerAndPaysOnce()
    {
        var invoice = await OpenInvoiceAsync(100_000m);
        var first = await _billing.PayAsync(invoice, 25_000m, key: "pay-replay-1");
        var again = await _billing.PayAsync(invoice, 25_000m, key: "pay-replay-1");
        first.Status.ShouldBe(201);
        again.Status.ShouldBe(201);
        again.Body.ToString().ShouldBe(first.Body.ToString());

        var conflict = await _billing.PayAsync(invoice, 30_000m, key: "pay-replay-1");
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
            .Select(_ => Task.Run(() => _billing.PayAsync(invoice, 10_000m, key: "pay-race-1"))));
        answers.ShouldAllBe(a => a.Status == 201);
        answers.Select(a => a.Body.ToString()).Distinct().Count().ShouldBe(1);
        await using var db = app.Db();
        (await db.Payments.CountAsync(p => p.InvoiceId == invoice)).ShouldBe(1);
    }

    [Fact]
    public async Task Pay_ConcurrentPayments_NeverOverpay()
    {
        var invoice = await OpenInvoiceAsync(100_000m);
        var answers = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => _billing.PayAsync(invoice, 30_000m, key: $"pay-split-{i}"))));
        answers.Count(a => a.Status == 201).ShouldBe(3);
        answers.Count(a => a.Status == 422).ShouldBe(5);
        await using var db = app.Db();
        var saved = await db.Invoices.SingleAsync(i => i.Id == invoice);
        saved.AmountPaid.ShouldBe(90_000m);
        (await db.Payments.Where(p => p.InvoiceId == invoice).SumAsync(p => p.Amount)).ShouldBe(90_000m);
        saved.Status.ShouldBe(Infrastructure.Persistence.Entities.InvoiceStatus.PartiallyPaid);
    }
}

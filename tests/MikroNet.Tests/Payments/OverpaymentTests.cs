using Microsoft.EntityFrameworkCore;
using MikroNet.Infrastructure.Persistence.Entities;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Payments;

/// <summary>Money a gateway collected beyond what the invoice still owes becomes the client's credit.</summary>
public sealed class OverpaymentTests(PaymentsFixture app) : IClassFixture<PaymentsFixture>
{
    [Fact]
    public async Task Midtrans_PaidAfterACreditNoteLoweredTheInvoice_ExcessBecomesClientCredit()
    {
        var invoice = await app.Api.OpenInvoiceAsync(150_000m);
        var link = (await app.Api.CreatePaymentLinkAsync(invoice, "midtrans")).Expect(201).Data;
        (await app.Api.CreditInvoiceAsync(invoice, 30_000m, "Outage")).Expect(201);

        var answer = await app.Api.WebhookAsync("midtrans",
            FakeGateways.MidtransNotification(link.ExternalId, "settlement", "150000.00", "mt-over-1", "qris"));
        answer.Body.Verdict.ShouldBe("applied");

        await using var db = app.Db();
        var saved = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice);
        (saved.Status, saved.TotalAmount, saved.AmountPaid).ShouldBe((InvoiceStatus.Paid, 120_000m, 120_000m));
        (await db.Payments.SingleAsync(p => p.InvoiceId == invoice)).Amount.ShouldBe(150_000m);
        var entry = await db.ClientCreditEntries.SingleAsync(e => e.ClientId == saved.ClientId);
        (entry.Kind, entry.Amount, entry.PaymentId is not null).ShouldBe((ClientCreditKind.Overpayment, 30_000m, true));
        (await app.Api.ClientDetailsAsync(saved.ClientId)).Data.Client.CreditBalance.ShouldBe(30_000m);
    }

    [Fact]
    public async Task Pay_ByHandAboveTheBalance_IsStill422()
    {
        var invoice = await app.Api.OpenInvoiceAsync(150_000m);
        (await app.Api.CreditInvoiceAsync(invoice, 30_000m)).Expect(201);
        (await app.Api.PayAsync(invoice, 150_000m)).Status.ShouldBe(422);
        (await app.Api.PayAsync(invoice, 120_000m)).Expect(201).Data.Invoice.InvoiceStatus.ShouldBe("paid");
    }
}

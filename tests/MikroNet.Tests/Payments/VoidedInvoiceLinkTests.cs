using Microsoft.EntityFrameworkCore;
using MikroNet.Infrastructure.Persistence.Entities;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Payments;

public sealed class VoidedInvoiceLinkTests(PaymentsFixture app) : IClassFixture<PaymentsFixture>
{
    [Fact]
    public async Task Void_InvoiceWithAnOpenLink_TheLinkIsCancelled()
    {
        var invoice = await app.Api.OpenInvoiceAsync(150_000m);
        (await app.Api.CreatePaymentLinkAsync(invoice, "midtrans")).Expect(201);

        (await app.Api.VoidInvoiceAsync(invoice)).Expect(200);

        await using var db = app.Db();
        (await db.PaymentLinks.SingleAsync(l => l.InvoiceId == invoice)).Status.ShouldBe(PaymentLinkStatus.Cancelled);
        (await app.Api.CreatePaymentLinkAsync(invoice, "midtrans")).Status.ShouldBe(409);
    }
}

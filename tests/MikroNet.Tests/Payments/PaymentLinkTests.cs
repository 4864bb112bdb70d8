using Microsoft.EntityFrameworkCore;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Payments;

public sealed class PaymentLinkTests(PaymentsFixture app) : IClassFixture<PaymentsFixture>
{
    private Task<int> OpenInvoiceAsync(decimal price) => app.Api.OpenInvoiceAsync(price);

    [Theory]
    [InlineData("midtrans")]
    [InlineData("xendit")]
    public async Task CreateLink_OpenInvoice_Returns201ThenSameLink200(string gateway)
    {
        var invoice = await OpenInvoiceAsync(150_000m);
        var first = await app.Api.CreatePaymentLinkAsync(invoice, gateway);
        first.Status.ShouldBe(201);
        var link = first.Data;
        link.Gateway.ShouldBe(gateway);
        link.Amount.ShouldBe(150_000m);
        link.Status.ShouldBe("open");
        link.Url.ShouldStartWith("https://");
        link.ExpiresAt.ShouldBe(app.Clock.GetCurrentInstant().Plus(Duration.FromHours(24)));
        first.PropertyNames("data").ShouldBe(["gateway", "url", "external_id", "amount", "status", "expires_at"], ignoreOrder: true);

        var again = await app.Api.CreatePaymentLinkAsync(invoice, gateway);
        again.Status.ShouldBe(200);
        again.Data.ShouldBe(link);

        await using var db = app.Db();
        var client = await db.Invoices.Where(i => i.Id == invoice).Select(i => i.ClientId).SingleAsync();
        var details = (await app.Api.ClientDetailsAsync(client)).Data;
        details.Subscriptions[0].Invoices[0].PaymentLinks.ShouldHaveSingleItem().Url.ShouldBe(link.Url);
    }

    [Fact]
    public async Task CreateLink_TenConcurrentRequests_LeaveOneOpenLink()
    {
        var invoice = await OpenInvoiceAsync(120_000m);
        var answers = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(_ => Task.Run(() => app.Api.CreatePaymentLinkAsync(invoice, "midtrans"))));
        answers.ShouldAllBe(a => a.Status == 201 || a.Status == 200);
        answers.Select(a => a.Data.Url).Distinct().Count().ShouldBe(1);
        await using var db = app.Db();
        (await db.PaymentLinks.CountAsync(l => l.InvoiceId == invoice)).ShouldBe(1);
    }

    [Fact]
    public async Task CreateLink_PaidInvoice_Returns409()
    {
        var invoice = await OpenInvoiceAsync(100_000m);
        (await app.Api.PayAsync(invoice, 100_000m)).Status.ShouldBe(201);
        (await app.Api.CreatePaymentLinkAsync(invoice, "xendit")).Status.ShouldBe(409);
    }

    [Fact]
    public async Task CreateLink_BadInput_Returns400Or404()
    {
        var invoice = await OpenInvoiceAsync(100_000m);
        (await app.Api.CreatePaymentLinkAsync(invoice, "paypal")).Status.ShouldBe(400);
        (await app.Api.CreatePaymentLinkAsync(invoice, null)).Status.ShouldBe(400);
        (await app.Api.CreatePaymentLinkAsync(999_999, "midtrans")).Status.ShouldBe(404);
        (await app.Api.Anonymous.CreatePaymentLinkAsync(invoice, "midtrans")).Status.ShouldBe(401);
    }

    [Theory]
    [InlineData(FakeMode.Error503, 502)]
    [InlineData(FakeMode.Refuse, 502)]
    [InlineData(FakeMode.Hang, 504)]
    public async Task CreateLink_GatewayDown_Returns502Or504AndStoresNothing(FakeMode mode, int expected)
    {
        var invoice = await OpenInvoiceAsync(100_000m);
        app.Gateways.Mode = mode;
        try
        {
            var calls = app.Gateways.Calls;
            var answer = await app.Api.CreatePaymentLinkAsync(invoice, "midtrans");
            answer.Status.ShouldBe(expected);
            if (mode != FakeMode.Hang) (app.Gateways.Calls - calls).ShouldBe(3); // the call and its two retries
        }
        finally
        {
            app.Gateways.Mode = FakeMode.Normal;
        }
        await using var db = app.Db();
        (await db.PaymentLinks.CountAsync(l => l.InvoiceId == invoice)).ShouldBe(0);
        (await app.Api.CreatePaymentLinkAsync(invoice, "midtrans")).Status.ShouldBe(201);
    }

    [Fact]
    public async Task CreateLink_BothGateways_ListedInGraphQL()
    {
        var invoice = await OpenInvoiceAsync(80_000m);
        var midtrans = (await app.Api.CreatePaymentLinkAsync(invoice, "midtrans")).Expect(201).Data;
        (await app.Api.CreatePaymentLinkAsync(invoice, "xendit")).Expect(201);

        var answer = await app.Api.GraphAsync(
            "query($id: Int!) { invoices(first: 1, where: { invoiceId: { eq: $id } }) " +
            "{ nodes { paymentLinks { gateway url status amount expiresAt } } } }", new { id = invoice });
        answer.HasErrors.ShouldBeFalse(answer.Text);
        var links = answer.Data.Invoices!.Nodes!.ShouldHaveSingleItem().PaymentLinks!;
        links.Select(l => l.Gateway).ShouldBe(["midtrans", "xendit"]);
        links[0].Url.ShouldBe(midtrans.Url);
        links[0].Status.ShouldBe("OPEN");
        links[0].Amount.ShouldBe(80_000m);
        links[0].ExpiresAt.ShouldBe("2026-11-26T03:00:00Z");
    }
}

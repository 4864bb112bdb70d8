using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Payments;

public sealed class GatewaysOffTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task CreateLink_GatewayWithoutKeys_Returns422()
    {
        var invoice = await app.Api.OpenInvoiceAsync(100_000m);
        var answer = await app.Api.CreatePaymentLinkAsync(invoice, "midtrans");
        answer.Status.ShouldBe(422);
        answer.Problem.ErrorNames.ShouldContain("gateway");
        (await app.Api.CreatePaymentLinkAsync(invoice, "xendit")).Status.ShouldBe(422);
    }

    [Fact]
    public async Task Webhook_GatewayWithoutKeys_Returns404()
    {
        (await app.Api.WebhookAsync("midtrans", FakeGateways.MidtransNotification("X-1", "settlement", "10.00", "t1", serverKey: "")))
            .Status.ShouldBe(404);
        (await app.Api.WebhookAsync("xendit", "{}", ("x-callback-token", ""))).Status.ShouldBe(404);
    }
}

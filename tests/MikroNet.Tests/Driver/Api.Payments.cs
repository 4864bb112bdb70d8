using MikroNet.Features.Common;
using MikroNet.Features.Payments;
using CreateLink = MikroNet.Features.Payments.CreateLink;
using GatewayEvents = MikroNet.Features.Payments.GatewayEvents;

namespace MikroNet.Tests.Driver;

public sealed partial class Api
{
    /// <summary>A new client on a new plan starting on the fixture's first day; answers its first invoice's id.</summary>
    public async Task<int> OpenInvoiceAsync(decimal price)
    {
        var router = await AddRouterAsync();
        var plan = await AddPlanAsync(price);
        var client = await AddClientAsync(router, planId: plan, start: new NodaTime.LocalDate(2026, 11, 25));
        return (await InvoicesAsync(client))[0].InvoiceId;
    }

    public Task<ApiResponse<Envelope<PaymentLinkView>>> CreatePaymentLinkAsync(int invoiceId, string? gateway) =>
        SendAsync<Envelope<PaymentLinkView>>(HttpMethod.Post, $"/invoices/{invoiceId}/payment-link",
            new CreateLink.Request { Gateway = gateway });

    public Task<ApiResponse<Envelope<List<GatewayEvents.EventView>>>> GatewayEventsAsync(string? status = null) =>
        SendAsync<Envelope<List<GatewayEvents.EventView>>>(HttpMethod.Get,
            "/payments/gateway-events" + (status is null ? "" : "?status=" + status));

    /// <summary>Posts a notification body as the gateway would: anonymous, raw JSON, with any extra headers.</summary>
    public Task<ApiResponse<WebhookAnswer>> WebhookAsync(string gateway, string body,
        params (string Name, string Value)[] headers) =>
        Anonymous.SendAsync<WebhookAnswer>(HttpMethod.Post, $"/payments/webhooks/{gateway}",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"), headers);
}

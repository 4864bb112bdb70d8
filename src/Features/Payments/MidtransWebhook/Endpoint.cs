using System.Text.Json;
using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MikroNet.Features.Payments.Gateways;
using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Payments.MidtransWebhook;

/// <summary>
/// Midtrans's HTTP notification. Anonymous: the SHA-512 signature_key is the authentication; a bad one is 401 and
/// nothing is stored. A signed one is stored raw, processed, and answered 200 whatever the verdict, so Midtrans
/// stops retrying a notification that can never be applied (it waits as a rejected event for an operator).
/// </summary>
public sealed class Endpoint(Midtrans midtrans, NoticeProcessor processor, ILogger<Endpoint> logger)
    : EndpointWithoutRequest<WebhookAnswer>
{
    public override void Configure()
    {
        Post("/payments/webhooks/midtrans");
        AllowAnonymous();
        Description(d => d.Accepts<JsonElement>("application/json").Produces<WebhookAnswer>(200)
            .ProducesProblemDetails(401).ProducesProblemDetails(404).ProducesProblemDetails(413));
        Summary(s => s.Summary = "Midtrans payment notification (signed with SHA-512; body at most 64 KB)");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (!midtrans.Enabled) ThrowError("Midtrans is not configured.", StatusCodes.Status404NotFound);
        var body = await WebhookBody.ReadAsync(HttpContext.Request, ct);
        if (body is null) ThrowError("The notification exceeds 64 KB.", StatusCodes.Status413PayloadTooLarge);
        var json = WebhookJson.Parse(body);
        if (json is null || !midtrans.SignatureIsValid(json.Value))
        {
            logger.LogWarning("Midtrans notification refused: missing or wrong signature_key");
            ThrowError("The notification's signature_key is missing or wrong.", StatusCodes.Status401Unauthorized);
        }

        var notice = Midtrans.Read(json.Value, body);
        var stored = await processor.StoreAsync(Midtrans.GatewayName, GatewayEventSource.Webhook, body, notice, ct);
        stored = await processor.ApplyAsync(stored, notice, ct);
        await Send.OkAsync(WebhookAnswer.From(stored), ct);
    }
}

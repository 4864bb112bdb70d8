using System.Text.Json;
using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MikroNet.Features.Payments.Gateways;
using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Payments.XenditWebhook;

/// <summary>
/// Xendit's invoice callback. Anonymous: the x-callback-token header is the authentication; a wrong one is 401 and
/// nothing is stored. An authentic one is stored raw, processed and answered 200 whatever the verdict.
/// </summary>
public sealed class Endpoint(Xendit xendit, NoticeProcessor processor, ILogger<Endpoint> logger)
    : EndpointWithoutRequest<WebhookAnswer>
{
    public override void Configure()
    {
        Post("/payments/webhooks/xendit");
        AllowAnonymous();
        Description(d => d.Accepts<JsonElement>("application/json").Produces<WebhookAnswer>(200)
            .ProducesProblemDetails(401).ProducesProblemDetails(404).ProducesProblemDetails(413));
        Summary(s => s.Summary = "Xendit invoice callback (x-callback-token header; body at most 64 KB)");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (!xendit.Enabled) ThrowError("Xendit is not configured.", StatusCodes.Status404NotFound);
        if (!xendit.TokenIsValid(HttpContext.Request.Headers["x-callback-token"].FirstOrDefault()))
        {
            logger.LogWarning("Xendit callback refused: missing or wrong x-callback-token");
            ThrowError("The x-callback-token header is missing or wrong.", StatusCodes.Status401Unauthorized);
        }
        var body = await WebhookBody.ReadAsync(HttpContext.Request, ct);
        if (body is null) ThrowError("The callback exceeds 64 KB.", StatusCodes.Status413PayloadTooLarge);

        var notice = WebhookJson.Parse(body) is { } json ? Xendit.Read(json, body) : null;
        var stored = await processor.StoreAsync(Xendit.GatewayName, GatewayEventSource.Webhook, body, notice, ct);
        stored = await processor.ApplyAsync(stored, notice, ct);
        await Send.OkAsync(WebhookAnswer.From(stored), ct);
    }
}

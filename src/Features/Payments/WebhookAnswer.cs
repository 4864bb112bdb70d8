using System.Text.Json;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Payments;

/// <summary>What a webhook answers the gateway: the stored event and its verdict (gateways only read the status code).</summary>
public sealed record WebhookAnswer(long EventId, string Verdict, string? Reason)
{
    public static WebhookAnswer From(GatewayEvent e) => new(e.Id, SnakeCaseEnums.ToSnakeCase(e.Verdict), e.Reason);
}

internal static class WebhookJson
{
    /// <summary>The body's JSON object, or null when it is not one (depth capped: notifications are flat).</summary>
    public static JsonElement? Parse(string body)
    {
        try
        {
            var root = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 }).RootElement;
            return root.ValueKind == JsonValueKind.Object ? root : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

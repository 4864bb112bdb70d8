using NodaTime;

namespace MikroNet.Infrastructure.Persistence.Entities;

/// <summary>
/// One authenticated notification from a gateway (a webhook delivery or a status-API answer during reconcile),
/// stored raw before it is processed, then marked with what processing decided.
/// </summary>
public sealed class GatewayEvent
{
    public long Id { get; set; }
    public required string Gateway { get; set; }
    public GatewayEventSource Source { get; set; }
    public Instant ReceivedAt { get; set; }

    /// <summary>The body exactly as it arrived.</summary>
    public required string Body { get; set; }
    public string? OrderId { get; set; }
    public string? TransactionId { get; set; }
    public string? TransactionStatus { get; set; }
    public GatewayEventVerdict Verdict { get; set; }
    public string? Reason { get; set; }
    public int? PaymentLinkId { get; set; }
    public int? PaymentId { get; set; }
    public Instant? ProcessedAt { get; set; }
}

public enum GatewayEventSource { Webhook, Reconcile }

/// <summary>Received = stored, not processed yet; Applied = changed a payment or link; Ignored = nothing to do.</summary>
public enum GatewayEventVerdict { Received, Applied, Ignored, Rejected }

using NodaTime;

namespace MikroNet.Infrastructure.Persistence.Entities;

/// <summary>A hosted payment page opened at a gateway for an invoice's open balance.</summary>
public sealed class PaymentLink
{
    public int Id { get; set; }
    public int InvoiceId { get; set; }
    public Invoice? Invoice { get; set; }

    /// <summary>midtrans or xendit.</summary>
    public required string Gateway { get; set; }

    /// <summary>Our order id at the gateway (Midtrans order_id, Xendit external_id), unique per gateway.</summary>
    public required string ExternalId { get; set; }

    /// <summary>The gateway's own id of the link (Midtrans Snap token, Xendit invoice id).</summary>
    public required string GatewayReference { get; set; }
    public required string Url { get; set; }
    public decimal Amount { get; set; }
    public PaymentLinkStatus Status { get; set; }
    public Instant ExpiresAt { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant UpdatedAt { get; set; }
}

public enum PaymentLinkStatus { Open, Paid, Expired, Cancelled, Failed, Refunded }

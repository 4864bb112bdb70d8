using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Payments.Gateways;

/// <summary>
/// A gateway's notification in our terms, whichever way it came (webhook or status API). Amount is what was paid
/// (Midtrans gross_amount, Xendit paid_amount, else amount); Method is the gateway's own payment method name.
/// </summary>
public sealed record GatewayNotice(string Gateway, string OrderId, string TransactionId, string Status,
    NoticeOutcome Outcome, decimal? Amount, string? Method, string Body)
{
    /// <summary>The link status a closing notice leaves (expired, cancelled, failed).</summary>
    public PaymentLinkStatus? CloseAs { get; init; }
}

public enum NoticeOutcome { Paid, Pending, Closed, Refunded }

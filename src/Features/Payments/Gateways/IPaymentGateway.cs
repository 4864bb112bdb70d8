using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Payments.Gateways;

/// <summary>One payment gateway: opens hosted payment pages and answers what became of them.</summary>
public interface IPaymentGateway
{
    string Name { get; }

    /// <summary>False when its keys are not configured: the gateway is off.</summary>
    bool Enabled { get; }

    /// <exception cref="GatewayUnavailableException">The gateway could not be reached, timed out or refused.</exception>
    Task<CreatedLink> CreateLinkAsync(LinkOrder order, CancellationToken ct);

    /// <summary>The gateway's current word on a link, or null when it knows no transaction for it yet.</summary>
    /// <exception cref="GatewayUnavailableException">The gateway could not be reached, timed out or refused.</exception>
    Task<GatewayNotice?> StatusAsync(PaymentLink link, CancellationToken ct);
}

public sealed record LinkOrder(string ExternalId, decimal Amount, string Description, string CustomerName,
    string? CustomerPhone, TimeSpan Lifetime, string Currency);

public sealed record CreatedLink(string GatewayReference, string Url);

public sealed class GatewayUnavailableException(string message, bool timedOut, Exception? inner = null)
    : Exception(message, inner)
{
    public bool TimedOut { get; } = timedOut;
}

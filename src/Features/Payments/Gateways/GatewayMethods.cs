using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Payments.Gateways;

internal static class GatewayMethods
{
    /// <summary>Our own method category for a gateway's method name (Midtrans payment_type, Xendit payment_method).</summary>
    public static PaymentMethod CategoryOf(string? gatewayMethod) => gatewayMethod?.ToLowerInvariant() switch
    {
        "bank_transfer" or "echannel" or "permata" or "direct_debit" => PaymentMethod.BankTransfer,
        "gopay" or "shopeepay" or "qris" or "ewallet" or "qr_code" => PaymentMethod.EWallet,
        "credit_card" => PaymentMethod.CreditCard,
        _ => PaymentMethod.Other,
    };
}

using NodaTime;

namespace MikroNet.Infrastructure.Persistence.Entities;

public sealed class Payment
{
    public int Id { get; set; }
    public int InvoiceId { get; set; }
    public Invoice? Invoice { get; set; }
    public decimal Amount { get; set; }
    public LocalDate PaymentDate { get; set; }
    public PaymentMethod PaymentMethod { get; set; }
    public PaymentStatus Status { get; set; }
    public string? Reference { get; set; }

    /// <summary>The gateway that collected the payment (midtrans, xendit); Reference is then its transaction id.</summary>
    public string? Gateway { get; set; }

    /// <summary>The gateway's own payment method (qris, bank_transfer, EWALLET…), shown as gateway:method.</summary>
    public string? GatewayMethod { get; set; }
    public string? IdempotencyKey { get; set; }
    public int? RecordedByUserId { get; set; }
    public Instant CreatedAt { get; set; }
}

public enum PaymentMethod { Cash, BankTransfer, EWallet, CreditCard, Other }

/// <summary>`success` as in the seed's payment example; `refunded` when taken back.</summary>
public enum PaymentStatus { Success, Refunded }

using NodaTime;

namespace MikroNet.Infrastructure.Persistence.Entities;

/// <summary>
/// CN-yyyy-nnnnnn, gapless per year like invoice numbers: money given back on an invoice. What the invoice still
/// owed is lowered (a credit line); the rest becomes the client's credit balance.
/// </summary>
public sealed class CreditNote
{
    public int Id { get; set; }
    public required string Number { get; set; }
    public int NumberYear { get; set; }
    public int NumberSequence { get; set; }
    public int InvoiceId { get; set; }
    public Invoice? Invoice { get; set; }
    public int ClientId { get; set; }
    public decimal Amount { get; set; }

    /// <summary>The part that lowered the invoice's balance.</summary>
    public decimal AppliedToInvoice { get; set; }

    /// <summary>The part beyond the invoice's balance, added to the client's credit balance.</summary>
    public decimal ToClientCredit { get; set; }
    public required string Reason { get; set; }
    public int? CreatedByUserId { get; set; }
    public Instant CreatedAt { get; set; }
}

/// <summary>Last credit note number handed out per year (the same row-lock scheme as invoice numbers).</summary>
public sealed class CreditNoteNumberCounter
{
    public int Year { get; set; }
    public int LastValue { get; set; }
}

/// <summary>
/// One movement of a client's credit balance; the balance (clients.credit_balance) is the sum of its entries.
/// Positive entries give credit, negative ones use it.
/// </summary>
public sealed class ClientCreditEntry
{
    public int Id { get; set; }
    public int ClientId { get; set; }
    public decimal Amount { get; set; }
    public ClientCreditKind Kind { get; set; }
    public int? InvoiceId { get; set; }
    public int? CreditNoteId { get; set; }
    public CreditNote? CreditNote { get; set; }
    public int? PaymentId { get; set; }
    public Payment? Payment { get; set; }
    public Instant CreatedAt { get; set; }
}

public enum ClientCreditKind { CreditNote, Overpayment, Applied, Returned }

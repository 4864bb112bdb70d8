using NodaTime;

namespace MikroNet.Infrastructure.Persistence.Entities;

public sealed class Invoice
{
    public int Id { get; set; }

    /// <summary>INV-yyyy-nnnnnn, consecutive per year without gaps.</summary>
    public required string Number { get; set; }
    public int NumberYear { get; set; }
    public int NumberSequence { get; set; }

    public int ClientId { get; set; }
    public Client? Client { get; set; }
    public int SubscriptionId { get; set; }
    public Subscription? Subscription { get; set; }
    public InvoiceKind Kind { get; set; }

    public LocalDate InvoiceDate { get; set; }
    public LocalDate DueDate { get; set; }

    /// <summary>The lines before tax: what the tax is levied on (taxable lines) plus untaxed ones.</summary>
    public decimal NetAmount { get; set; }
    public decimal TaxAmount { get; set; }

    /// <summary>Gross: the sum of the lines (net + tax − credit applied).</summary>
    public decimal TotalAmount { get; set; }
    public decimal AmountPaid { get; set; }
    public InvoiceStatus Status { get; set; }

    /// <summary>Set with status void; the number stays in the sequence.</summary>
    public Instant? VoidedAt { get; set; }
    public string? VoidReason { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant UpdatedAt { get; set; }
    public List<Payment> Payments { get; set; } = [];
    public List<PaymentLink> PaymentLinks { get; set; } = [];
    public List<InvoiceLine> Lines { get; set; } = [];
    public List<CreditNote> CreditNotes { get; set; } = [];

    public decimal Balance => TotalAmount - AmountPaid;
}

/// <summary>Period invoices are unique per subscription; other kinds leave room for one-off charges.</summary>
public enum InvoiceKind { Period, Other }

public enum InvoiceStatus { Pending, PartiallyPaid, Paid, Overdue, Void }

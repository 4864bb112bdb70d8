using NodaTime;

namespace MikroNet.Infrastructure.Persistence.Entities;

/// <summary>
/// One line of an invoice; the invoice's total is the sum of its lines. Amounts are what the line adds to the
/// total: credits are negative, the tax line is the tax itself.
/// </summary>
public sealed class InvoiceLine
{
    public int Id { get; set; }
    public int InvoiceId { get; set; }
    public Invoice? Invoice { get; set; }

    /// <summary>Order on the invoice: the period first, then charges, the tax, and credit applied last.</summary>
    public int Position { get; set; }
    public InvoiceLineKind Kind { get; set; }
    public required string Description { get; set; }
    public decimal Amount { get; set; }

    /// <summary>Whether Billing:TaxRate applies to this line.</summary>
    public bool Taxable { get; set; }
    public Instant CreatedAt { get; set; }
}

public enum InvoiceLineKind { Period, Charge, Proration, Tax, Credit }

/// <summary>Where each kind of line stands on an invoice (the SQL of generation and tax uses the same numbers).</summary>
public static class InvoiceLinePositions
{
    public const int Period = 1;
    public const int FirstCharge = 10;
    public const int Tax = 900;
    public const int Credit = 950;
}

namespace MikroNet.Infrastructure.Persistence.Entities;

/// <summary>Last invoice number handed out per year; the row lock serialises numbering so there are no gaps.</summary>
public sealed class InvoiceNumberCounter
{
    public int Year { get; set; }
    public int LastValue { get; set; }
}

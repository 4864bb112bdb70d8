using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Documents.Rendering;

/// <summary>Everything an invoice PDF prints, read in one go by the slice's Data class.</summary>
public sealed record InvoiceDocument(string Number, LocalDate InvoiceDate, LocalDate DueDate, InvoiceStatus Status,
    decimal Total, decimal Paid, string Currency, DocumentClient Client, LocalDate PeriodStart, LocalDate PeriodEnd,
    string PlanName, IReadOnlyList<DocumentPayment> Payments, string? PaymentLink, IReadOnlyList<DocumentLine> Lines)
{
    public decimal Balance => Total - Paid;
}

/// <summary>One invoice line as printed (the period, charges, the tax, credit).</summary>
public sealed record DocumentLine(InvoiceLineKind Kind, string Description, decimal Amount);

public sealed record DocumentClient(int Id, string Name, string Address, string Phone, string Login);

public sealed record DocumentPayment(int Id, LocalDate Date, PaymentMethod Method, string? Reference, decimal Amount,
    PaymentStatus Status)
{
    public string MethodLabel => Method switch
    {
        PaymentMethod.Cash => "Cash",
        PaymentMethod.BankTransfer => "Bank transfer",
        PaymentMethod.EWallet => "E-wallet",
        PaymentMethod.CreditCard => "Credit card",
        _ => "Other",
    };
}

/// <summary>A receipt is one payment against its invoice (the invoice as it stands now).</summary>
public sealed record ReceiptDocument(DocumentPayment Payment, InvoiceDocument Invoice);

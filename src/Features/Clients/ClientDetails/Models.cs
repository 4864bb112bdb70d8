using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Features.Billing.Payments;
using MikroNet.Features.Billing.CreditInvoice;
using MikroNet.Features.Payments;
using NodaTime;
using MikroNet.Features.Common;

namespace MikroNet.Features.Clients.ClientDetails;

public sealed class Request
{
    public int Id { get; set; }
}

/// <summary>The answer's shape (what the API documents); <see cref="Sql.Details"/> writes it.</summary>
public sealed record Response(ClientView Client, List<SubscriptionView> Subscriptions);

/// <summary>Ordered by start date.</summary>
public sealed record SubscriptionView(int SubscriptionId, int PlanId, LocalDate StartDate, LocalDate EndDate,
    decimal Price, [property: EnumValues(typeof(SubscriptionStatus))] string Status, List<InvoiceView> Invoices);

/// <summary>Ordered by id; lines by position, payments, payment links and credit notes by id.</summary>
public sealed record InvoiceView(int InvoiceId, string Number, LocalDate InvoiceDate, LocalDate DueDate,
    decimal NetAmount, decimal TaxAmount, decimal TotalAmount, decimal AmountPaid, decimal Balance,
    [property: EnumValues(typeof(InvoiceStatus))] string InvoiceStatus, List<InvoiceLineView> Lines,
    List<PaymentView> Payments, List<PaymentLinkView> PaymentLinks, List<CreditNoteView> CreditNotes);

/// <summary>One line of an invoice; the invoice's total_amount is the sum of its lines' amounts.</summary>
public sealed record InvoiceLineView([property: EnumValues(typeof(InvoiceLineKind))] string Kind, string Description,
    decimal Amount, bool Taxable);

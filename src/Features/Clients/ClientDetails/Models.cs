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

public sealed record Response(ClientView Client, List<SubscriptionView> Subscriptions);

public sealed record SubscriptionView(int SubscriptionId, int PlanId, LocalDate StartDate, LocalDate EndDate,
    decimal Price, [property: EnumValues(typeof(SubscriptionStatus))] string Status, List<InvoiceView> Invoices)
{
    public static SubscriptionView From(Subscription s) =>
        new(s.Id, s.PlanId, s.StartDate, s.EndDate, s.Price, SnakeCaseEnums.ToSnakeCase(s.Status),
            s.Invoices.OrderBy(i => i.Id).Select(InvoiceView.From).ToList());
}

public sealed record InvoiceView(int InvoiceId, string Number, LocalDate InvoiceDate, LocalDate DueDate,
    decimal NetAmount, decimal TaxAmount, decimal TotalAmount, decimal AmountPaid, decimal Balance,
    [property: EnumValues(typeof(InvoiceStatus))] string InvoiceStatus, List<InvoiceLineView> Lines,
    List<PaymentView> Payments, List<PaymentLinkView> PaymentLinks, List<CreditNoteView> CreditNotes)
{
    public static InvoiceView From(Invoice i) =>
        new(i.Id, i.Number, i.InvoiceDate, i.DueDate, i.NetAmount, i.TaxAmount, i.TotalAmount, i.AmountPaid, i.Balance,
            SnakeCaseEnums.ToSnakeCase(i.Status),
            i.Lines.OrderBy(l => l.Position).ThenBy(l => l.Id).Select(InvoiceLineView.From).ToList(),
            i.Payments.OrderBy(p => p.Id).Select(PaymentView.From).ToList(),
            i.PaymentLinks.OrderBy(l => l.Id).Select(PaymentLinkView.From).ToList(),
            i.CreditNotes.OrderBy(n => n.Id).Select(CreditNoteView.From).ToList());
}

/// <summary>One line of an invoice; the invoice's total_amount is the sum of its lines' amounts.</summary>
public sealed record InvoiceLineView([property: EnumValues(typeof(InvoiceLineKind))] string Kind, string Description,
    decimal Amount, bool Taxable)
{
    public static InvoiceLineView From(InvoiceLine l) =>
        new(SnakeCaseEnums.ToSnakeCase(l.Kind), l.Description, l.Amount, l.Taxable);
}

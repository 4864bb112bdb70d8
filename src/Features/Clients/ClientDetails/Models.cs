using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Features.Billing.Payments;
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
    decimal TotalAmount, decimal AmountPaid, decimal Balance, [property: EnumValues(typeof(InvoiceStatus))] string InvoiceStatus,
    List<PaymentView> Payments,
    List<PaymentLinkView> PaymentLinks)
{
    public static InvoiceView From(Invoice i) =>
        new(i.Id, i.Number, i.InvoiceDate, i.DueDate, i.TotalAmount, i.AmountPaid, i.Balance,
            SnakeCaseEnums.ToSnakeCase(i.Status), i.Payments.OrderBy(p => p.Id).Select(PaymentView.From).ToList(),
            i.PaymentLinks.OrderBy(l => l.Id).Select(PaymentLinkView.From).ToList());
}

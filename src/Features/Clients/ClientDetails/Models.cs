using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
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
    decimal TotalAmount, decimal AmountPaid, decimal Balance, [property: EnumValues(typeof(InvoiceStatus))] string InvoiceStatus, List<PaymentView> Payments)
{
    public static InvoiceView From(Invoice i) =>
        new(i.Id, i.Number, i.InvoiceDate, i.DueDate, i.TotalAmount, i.AmountPaid, i.Balance,
            SnakeCaseEnums.ToSnakeCase(i.Status), i.Payments.OrderBy(p => p.Id).Select(PaymentView.From).ToList());
}

public sealed record PaymentView(int PaymentId, decimal Amount, [property: EnumValues(typeof(PaymentStatus))] string PaymentStatus, LocalDate PaymentDate,
    [property: EnumValues(typeof(PaymentMethod))] string PaymentMethod, string? Reference)
{
    public static PaymentView From(Payment p) =>
        new(p.Id, p.Amount, SnakeCaseEnums.ToSnakeCase(p.Status), p.PaymentDate,
            SnakeCaseEnums.ToSnakeCase(p.PaymentMethod), p.Reference);
}

using System.Linq.Expressions;
using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Graph.Loading;

public static class Projections
{
    public static readonly Expression<Func<Client, ClientRow>> Client = c => new ClientRow(
        c.Id, c.Name, c.PhoneNumber, c.Address, c.PppSecretName, c.Status, c.IsolatedAt, c.ProvisioningState,
        c.ProvisioningError, c.RouterId, c.PlanId, c.CreatedAt, c.CreditBalance, c.CancelledAt);

    public static readonly Expression<Func<Subscription, SubscriptionRow>> Subscription = s => new SubscriptionRow(
        s.Id, s.ClientId, s.PlanId, s.StartDate, s.EndDate, s.Price, s.Status);

    public static readonly Expression<Func<Invoice, InvoiceRow>> Invoice = i => new InvoiceRow(
        i.Id, i.ClientId, i.SubscriptionId, i.Number, i.InvoiceDate, i.DueDate, i.NetAmount, i.TaxAmount, i.TotalAmount,
        i.AmountPaid, i.Status);

    public static readonly Expression<Func<InvoiceLine, InvoiceLineRow>> InvoiceLine = l => new InvoiceLineRow(
        l.InvoiceId, l.Kind, l.Description, l.Amount, l.Taxable);

    public static readonly Expression<Func<PaymentLink, PaymentLinkRow>> PaymentLink = l => new PaymentLinkRow(
        l.InvoiceId, l.Gateway, l.Url, l.Amount, l.Status, l.ExpiresAt);

    public static readonly Expression<Func<Payment, PaymentRow>> Payment = p => new PaymentRow(
        p.Id, p.InvoiceId, p.Amount, p.PaymentDate, p.PaymentMethod, p.Status, p.Reference);

    public static readonly Expression<Func<Plan, PlanRow>> Plan = p => new PlanRow(
        p.Id, p.Name, p.Price, p.PeriodMonths, p.PppProfile, p.RateLimit);

    public static readonly Expression<Func<Router, RouterRow>> Router = r => new RouterRow(
        r.Id, r.Name, r.Host, r.Port, r.UseTls);
}

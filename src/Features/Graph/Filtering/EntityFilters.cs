using MikroNet.Features.Graph.Loading;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Graph.Filtering;

/// <summary>
/// What `where` and `order` may name on each type. Relations filter across tables (`invoices(where: { client: {
/// name: { contains: "Budi" } } })`) and lists take HotChocolate's quantifiers (`clients(where: { invoices: { some:
/// { invoiceStatus: { eq: OVERDUE } } } })`); both become joins and EXISTS subqueries in the one SQL statement.
/// </summary>
public static class EntityFilters
{
    // Relations point to definitions by a function: they refer to each other, and some are initialised later (hence `!`).
    public static readonly FilterDefinition<Client> Client = new FilterDefinition<Client>()
        .Add("clientId", c => c.Id, typeof(IntOperationFilterInput))
        .Add("name", c => c.Name, typeof(StringOperationFilterInput))
        .Add("phoneNumber", c => c.PhoneNumber, typeof(StringOperationFilterInput))
        .Add("address", c => c.Address, typeof(StringOperationFilterInput))
        .Add("pppSecretName", c => c.PppSecretName, typeof(StringOperationFilterInput))
        .Add("status", ClientStates.Expression, typeof(ClientStatusOperationFilterInput))
        .Add("createdAt", c => c.CreatedAt, typeof(InstantOperationFilterInput))
        .Object("plan", c => c.Plan, typeof(PlanFilterInput), () => Plan!)
        .Object("router", c => c.Router, typeof(RouterFilterInput), () => Router!)
        .List("subscriptions", c => c.Subscriptions, typeof(ListSubscriptionFilterInput), () => Subscription!)
        .List("invoices", (MikroNetDb db, Client c) => db.Invoices.Where(i => i.ClientId == c.Id), typeof(ListInvoiceFilterInput),
            () => Invoice!);

    public static readonly FilterDefinition<Subscription> Subscription = new FilterDefinition<Subscription>()
        .Add("subscriptionId", s => s.Id, typeof(IntOperationFilterInput))
        .Add("startDate", s => s.StartDate, typeof(LocalDateOperationFilterInput))
        .Add("endDate", s => s.EndDate, typeof(LocalDateOperationFilterInput))
        .Add("price", s => s.Price, typeof(DecimalOperationFilterInput))
        .Add("status", s => s.Status, typeof(SubscriptionStatusOperationFilterInput))
        .Add("clientId", s => s.ClientId, typeof(IntOperationFilterInput))
        .Object("client", s => s.Client, typeof(ClientFilterInput), () => Client!)
        .Object("plan", s => s.Plan, typeof(PlanFilterInput), () => Plan!)
        .List("invoices", s => s.Invoices, typeof(ListInvoiceFilterInput), () => Invoice!);

    public static readonly FilterDefinition<Invoice> Invoice = new FilterDefinition<Invoice>()
        .Add("invoiceId", i => i.Id, typeof(IntOperationFilterInput))
        .Add("number", i => i.Number, typeof(StringOperationFilterInput))
        .Add("invoiceDate", i => i.InvoiceDate, typeof(LocalDateOperationFilterInput))
        .Add("dueDate", i => i.DueDate, typeof(LocalDateOperationFilterInput))
        .Add("totalAmount", i => i.TotalAmount, typeof(DecimalOperationFilterInput))
        .Add("amountPaid", i => i.AmountPaid, typeof(DecimalOperationFilterInput))
        .Add("balance", i => i.TotalAmount - i.AmountPaid, typeof(DecimalOperationFilterInput))
        .Add("invoiceStatus", i => i.Status, typeof(InvoiceStatusOperationFilterInput))
        .Add("clientId", i => i.ClientId, typeof(IntOperationFilterInput))
        .Object("client", i => i.Client, typeof(ClientFilterInput), () => Client!)
        .Object("subscription", i => i.Subscription, typeof(SubscriptionFilterInput), () => Subscription!)
        .List("payments", i => i.Payments, typeof(ListPaymentFilterInput), () => Payment!);

    public static readonly FilterDefinition<Payment> Payment = new FilterDefinition<Payment>()
        .Add("paymentId", p => p.Id, typeof(IntOperationFilterInput))
        .Add("amount", p => p.Amount, typeof(DecimalOperationFilterInput))
        .Add("paymentDate", p => p.PaymentDate, typeof(LocalDateOperationFilterInput))
        .Add("paymentMethod", p => p.PaymentMethod, typeof(PaymentMethodOperationFilterInput))
        .Add("paymentStatus", p => p.Status, typeof(PaymentStatusOperationFilterInput))
        .Add("reference", p => p.Reference, typeof(StringOperationFilterInput))
        .Add("invoiceId", p => p.InvoiceId, typeof(IntOperationFilterInput))
        .Object("invoice", p => p.Invoice, typeof(InvoiceFilterInput), () => Invoice!);

    public static readonly FilterDefinition<Plan> Plan = new FilterDefinition<Plan>()
        .Add("planId", p => p.Id, typeof(IntOperationFilterInput))
        .Add("name", p => p.Name, typeof(StringOperationFilterInput))
        .Add("price", p => p.Price, typeof(DecimalOperationFilterInput))
        .Add("periodMonths", p => p.PeriodMonths, typeof(IntOperationFilterInput))
        .Add("pppProfile", p => p.PppProfile, typeof(StringOperationFilterInput));

    public static readonly FilterDefinition<Router> Router = new FilterDefinition<Router>()
        .Add("routerId", r => r.Id, typeof(IntOperationFilterInput))
        .Add("name", r => r.Name, typeof(StringOperationFilterInput))
        .Add("host", r => r.Host, typeof(StringOperationFilterInput));
}

public sealed class ClientFilterInput() : FilterInputType<ClientFilterInput, Client>("ClientFilterInput", EntityFilters.Client);

public sealed class ClientSortInput() : SortInputType<Client>("ClientSortInput", EntityFilters.Client);

public sealed class SubscriptionFilterInput()
    : FilterInputType<SubscriptionFilterInput, Subscription>("SubscriptionFilterInput", EntityFilters.Subscription);

public sealed class SubscriptionSortInput() : SortInputType<Subscription>("SubscriptionSortInput", EntityFilters.Subscription);

public sealed class ListSubscriptionFilterInput() : ListFilterInputType<SubscriptionFilterInput>("SubscriptionFilterInput");

public sealed class InvoiceFilterInput() : FilterInputType<InvoiceFilterInput, Invoice>("InvoiceFilterInput", EntityFilters.Invoice);

public sealed class InvoiceSortInput() : SortInputType<Invoice>("InvoiceSortInput", EntityFilters.Invoice);

public sealed class ListInvoiceFilterInput() : ListFilterInputType<InvoiceFilterInput>("InvoiceFilterInput");

public sealed class PaymentFilterInput() : FilterInputType<PaymentFilterInput, Payment>("PaymentFilterInput", EntityFilters.Payment);

public sealed class PaymentSortInput() : SortInputType<Payment>("PaymentSortInput", EntityFilters.Payment);

public sealed class ListPaymentFilterInput() : ListFilterInputType<PaymentFilterInput>("PaymentFilterInput");

public sealed class PlanFilterInput() : FilterInputType<PlanFilterInput, Plan>("PlanFilterInput", EntityFilters.Plan);

public sealed class RouterFilterInput() : FilterInputType<RouterFilterInput, Router>("RouterFilterInput", EntityFilters.Router);

using GraphQL;
using GraphQL.Types;
using MikroNet.Features.Graph.Filtering;
using MikroNet.Features.Graph.Loading;
using MikroNet.Features.Graph.Scalars;

using MikroNet.Features.Graph.Nodes;

namespace MikroNet.Features.Graph.Types;

public sealed class InvoiceType : ObjectGraphType<InvoiceRow>
{
    public InvoiceType()
    {
        Name = "Invoice";
        Interface<NodeInterface>();
        IsTypeOf = o => o is InvoiceRow;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode("Invoice", c.Source.InvoiceId));
        Field<NonNullGraphType<IntGraphType>>("invoiceId").Resolve(c => c.Source.InvoiceId);
        Field<NonNullGraphType<StringGraphType>>("number").Description("INV-yyyy-nnnnnn").Resolve(c => c.Source.Number);
        Field<NonNullGraphType<LocalDateGraphType>>("invoiceDate").Resolve(c => c.Source.InvoiceDate);
        Field<NonNullGraphType<LocalDateGraphType>>("dueDate").Resolve(c => c.Source.DueDate);
        Field<NonNullGraphType<DecimalGraphType>>("netAmount").Description("The lines before tax.")
            .Resolve(c => c.Source.NetAmount);
        Field<NonNullGraphType<DecimalGraphType>>("taxAmount").Description("Billing:TaxName at Billing:TaxRate on the taxable lines.")
            .Resolve(c => c.Source.TaxAmount);
        Field<NonNullGraphType<DecimalGraphType>>("totalAmount").Description("Gross: the sum of the lines.")
            .Resolve(c => c.Source.TotalAmount);
        Field<NonNullGraphType<DecimalGraphType>>("amountPaid").Resolve(c => c.Source.AmountPaid);
        Field<NonNullGraphType<DecimalGraphType>>("balance").Resolve(c => c.Source.Balance);
        Field<NonNullGraphType<InvoiceStatusType>>("invoiceStatus").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<BooleanGraphType>>("overdue")
            .Description("Unpaid past its grace days (Billing:GraceDays) as of today, even before the daily run marks it OVERDUE.")
            .Resolve(c => c.Loaders().OverdueInvoices.Load(c.Source.InvoiceId));
        Field<NonNullGraphType<IntGraphType>>("clientId").Resolve(c => c.Source.ClientId);
        Field<ClientType>("client").Description("Null when the client has been deleted; the invoice stays on record.")
            .Resolve(c => c.Loaders().Clients.Load(c.Source.ClientId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InvoiceLineType>>>>("lines")
            .Description("What the invoice bills, in order: the period, charges, the tax, credit applied.")
            .Resolve(c => c.Loaders().LinesByInvoice.Load(c.Source.InvoiceId))
            .FieldType.WithComplexityImpact(1, 3);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PaymentType>>>>("payments")
            .Description("Payments of this invoice, filtered by `where`, sorted by `order` (default: paymentDate) then paymentId.")
            .Argument<PaymentFilterInput>("where")
            .Argument<ListGraphType<NonNullGraphType<PaymentSortInput>>>("order")
            .Resolve(c => c.Loaders().PaymentsByInvoice(ListArguments.From(c)).Load(c.Source.InvoiceId))
            .FieldType.WithComplexityImpact(1, 2);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PaymentLinkType>>>>("paymentLinks")
            .Description("Online payment links (Midtrans, Xendit) opened for this invoice, oldest first.")
            .Resolve(c => c.Loaders().PaymentLinksByInvoice.Load(c.Source.InvoiceId))
            .FieldType.WithComplexityImpact(1, 2);
    }
}

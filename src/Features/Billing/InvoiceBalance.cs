using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Billing;

/// <summary>An invoice's status after a payment or a credit changed what it owes.</summary>
public static class InvoiceBalance
{
    /// <summary>Paid when nothing is owed; an overdue invoice stays overdue until then; else by what was paid.</summary>
    public static InvoiceStatus StatusAfterChange(Invoice invoice) =>
        invoice.Balance == 0 ? InvoiceStatus.Paid
        : invoice.Status == InvoiceStatus.Overdue ? InvoiceStatus.Overdue
        : invoice.AmountPaid > 0 ? InvoiceStatus.PartiallyPaid
        : InvoiceStatus.Pending;
}

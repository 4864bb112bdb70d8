using Microsoft.EntityFrameworkCore;
using MikroNet.Features.Documents.Rendering;
using MikroNet.Infrastructure.Persistence;

namespace MikroNet.Features.Documents;

/// <summary>
/// Reads what an invoice or a receipt prints: the invoice with its client, period, lines and payments (split queries).
/// </summary>
public static class DocumentData
{
    public static async Task<InvoiceDocument?> InvoiceAsync(MikroNetDb db, int invoiceId, string currency, IPaymentLinks links,
        CancellationToken ct)
    {
        // Invoices of deleted clients stay on record, and so do their documents: the clients' soft-delete filter is off.
        var row = await db.Invoices.AsNoTracking().IgnoreQueryFilters().Where(i => i.Id == invoiceId).Select(i => new
        {
            i.Number, i.InvoiceDate, i.DueDate, i.Status, i.TotalAmount, i.AmountPaid,
            Client = new DocumentClient(i.Client!.Id, i.Client.Name, i.Client.Address, i.Client.PhoneNumber, i.Client.PppSecretName),
            i.Subscription!.StartDate, i.Subscription.EndDate, PlanName = i.Subscription.Plan!.Name,
            Payments = i.Payments.OrderBy(p => p.PaymentDate).ThenBy(p => p.Id)
                .Select(p => new DocumentPayment(p.Id, p.PaymentDate, p.PaymentMethod, p.Reference, p.Amount, p.Status)).ToList(),
            Lines = i.Lines.OrderBy(l => l.Position).ThenBy(l => l.Id)
                .Select(l => new DocumentLine(l.Kind, l.Description, l.Amount)).ToList(),
        }).AsSplitQuery().SingleOrDefaultAsync(ct);
        if (row is null) return null;
        return new InvoiceDocument(row.Number, row.InvoiceDate, row.DueDate, row.Status, row.TotalAmount, row.AmountPaid,
            currency, row.Client, row.StartDate, row.EndDate, row.PlanName, row.Payments,
            await links.ForInvoiceAsync(invoiceId, ct), row.Lines);
    }

    public static async Task<ReceiptDocument?> ReceiptAsync(MikroNetDb db, int paymentId, string currency, IPaymentLinks links,
        CancellationToken ct)
    {
        var invoiceId = await db.Payments.AsNoTracking().Where(p => p.Id == paymentId).Select(p => (int?)p.InvoiceId)
            .SingleOrDefaultAsync(ct);
        if (invoiceId is null || await InvoiceAsync(db, invoiceId.Value, currency, links, ct) is not { } invoice) return null;
        return new ReceiptDocument(invoice.Payments.Single(p => p.Id == paymentId), invoice);
    }
}

using Microsoft.EntityFrameworkCore;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Notifications.Templates.PreviewTemplate;

/// <summary>Picks the data a preview shows: the invoice asked for, else the client's latest; a payment for receipts.</summary>
public static class PreviewSubject
{
    public static async Task<MessageSubject?> FindAsync(MikroNetDb db, NotificationEvent e, int? clientId, int? invoiceId,
        LocalDate today, CancellationToken ct)
    {
        var invoices = db.Invoices.AsNoTracking().Where(i => i.Client!.DeletedAt == null);
        var invoice = invoiceId is { } id
            ? await invoices.Where(i => i.Id == id && (clientId == null || i.ClientId == clientId))
                .Select(i => new { i.Id, i.ClientId }).SingleOrDefaultAsync(ct)
            : await invoices.Where(i => i.ClientId == clientId).OrderByDescending(i => i.Id)
                .Select(i => new { i.Id, i.ClientId }).FirstOrDefaultAsync(ct);
        if (invoice is null)
            return invoiceId is null && await db.Clients.AnyAsync(c => c.Id == clientId, ct)
                ? new MessageSubject(e, clientId!.Value, null, null, today)
                : null;
        var payment = e == NotificationEvent.PaymentReceived
            ? await db.Payments.Where(p => p.InvoiceId == invoice.Id).OrderByDescending(p => p.Id)
                .Select(p => (int?)p.Id).FirstOrDefaultAsync(ct)
            : null;
        return new MessageSubject(e, invoice.ClientId, invoice.Id, payment, today);
    }
}

using Microsoft.EntityFrameworkCore;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Billing.RecordPayment;

internal static class Data
{
    /// <summary>The row lock queues concurrent payments on one invoice, so each sees the balance the last one left.</summary>
    public static async Task<Invoice?> LockInvoiceAsync(MikroNetDb db, int id, CancellationToken ct) =>
        (await db.Invoices.FromSql($"SELECT * FROM invoices WHERE id = {id} FOR UPDATE").ToListAsync(ct))
        .SingleOrDefault();

    /// <summary>Overdue by status, or unpaid past its grace but not yet marked by the daily run.</summary>
    public static Task<bool> HasOtherOverdueAsync(MikroNetDb db, int clientId, int exceptInvoiceId, LocalDate today,
        int graceDays, CancellationToken ct) =>
        OverdueInvoices.AsOf(db, today, graceDays).AnyAsync(i => i.ClientId == clientId && i.Id != exceptInvoiceId, ct);
}

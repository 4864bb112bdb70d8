using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MikroNet.Features.Common;
using MikroNet.Features.Provisioning;
using MikroNet.Features.Provisioning.Outbox;
using MikroNet.Infrastructure.Persistence;
using NodaTime;

namespace MikroNet.Features.Billing;

/// <summary>
/// Lifts billing's isolation when an invoice stops being owed (paid in full, credited, voided) and no other invoice
/// of the client is overdue: isolated_at cleared and a sync_secret queued, in the caller's unit of work.
/// </summary>
public static class ClientRestore
{
    public static async Task<bool> IfNothingOverdueAsync(MikroNetDb db, int clientId, int settledInvoiceId,
        ClaimsPrincipal? user, LocalDate today, int graceDays, Instant now, CancellationToken ct)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == clientId, ct);
        if (client?.IsolatedAt is null || client.RouterId is null) return false;
        // Overdue by status, or unpaid past its grace but not yet marked by the daily run.
        if (await OverdueInvoices.AsOf(db, today, graceDays)
                .AnyAsync(i => i.ClientId == client.Id && i.Id != settledInvoiceId, ct)) return false;
        var before = ClientRouterState.Of(client);
        client.IsolatedAt = null;
        client.UpdatedAt = now;
        db.QueueRouterChanges(now, client, before);
        db.Audit(user, now, "client.restored", "client", client.Id, new { invoice_id = settledInvoiceId });
        return true;
    }
}

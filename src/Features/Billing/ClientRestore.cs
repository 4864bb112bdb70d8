using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MikroNet.Features.Common;
using MikroNet.Features.Notifications.Queue;
using MikroNet.Features.Provisioning;
using MikroNet.Features.Provisioning.Outbox;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Billing;

/// <summary>
/// Lifts billing's isolation when an invoice stops being owed (paid in full, credited, voided) and no other invoice
/// of the client is overdue: isolated_at cleared, a sync_secret and the client's "service is back" message queued,
/// in the caller's unit of work.
/// </summary>
public static class ClientRestore
{
    /// <param name="payment">The payment that settled the invoice, when one did: the message names it.</param>
    public static async Task<bool> IfNothingOverdueAsync(MikroNetDb db, Notifier notifier, int clientId,
        int settledInvoiceId, ClaimsPrincipal? user, LocalDate today, int graceDays, Instant now, CancellationToken ct,
        Payment? payment = null) =>
        await IfNothingOverdueAsync(db, notifier, await db.Clients.SingleOrDefaultAsync(c => c.Id == clientId, ct),
            settledInvoiceId, user, today, graceDays, now, ct, payment);

    /// <summary>Whether settling an invoice can restore this client at all: it is isolated on a router.</summary>
    public static bool MayRestore([NotNullWhen(true)] Client? client) => client?.IsolatedAt is not null && client.RouterId is not null;

    /// <param name="client">The client as the caller's unit of work already tracks it (null when deleted).</param>
    /// <param name="payment">The payment that settled the invoice, when one did: the message names it.</param>
    public static async Task<bool> IfNothingOverdueAsync(MikroNetDb db, Notifier notifier, Client? client,
        int settledInvoiceId, ClaimsPrincipal? user, LocalDate today, int graceDays, Instant now, CancellationToken ct,
        Payment? payment = null)
    {
        if (!MayRestore(client)) return false;
        // Overdue by status, or unpaid past its grace but not yet marked by the daily run.
        if (await OverdueInvoices.AsOf(db, today, graceDays)
                .AnyAsync(i => i.ClientId == client.Id && i.Id != settledInvoiceId, ct)) return false;
        var before = ClientRouterState.Of(client);
        client.IsolatedAt = null;
        client.UpdatedAt = now;
        db.QueueRouterChanges(now, client, before);
        db.Audit(user, now, "client.restored", "client", client.Id, new { invoice_id = settledInvoiceId });
        notifier.Queue(NotificationEvent.ClientRestored, client, today, now, settledInvoiceId, payment);
        return true;
    }
}

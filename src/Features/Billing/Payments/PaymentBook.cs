using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MikroNet.Features.Common;
using MikroNet.Features.Notifications.Queue;
using MikroNet.Features.Provisioning;
using MikroNet.Features.Provisioning.Outbox;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Billing.Payments;

/// <summary>
/// The one money path: a payment typed in by an operator and one collected by a gateway are both checked,
/// recorded, audited and allowed to restore an isolated client here. Callers hold a transaction and the invoice's
/// row lock (<see cref="LockInvoiceAsync"/>) and save afterwards.
/// </summary>
public sealed class PaymentBook(MikroNetDb db, IOptions<BillingOptions> options, Notifier notifier)
{
    /// <summary>The row lock queues concurrent payments on one invoice, so each sees the balance the last one left.</summary>
    public async Task<Invoice?> LockInvoiceAsync(int id, CancellationToken ct) =>
        (await db.Invoices.FromSql($"SELECT * FROM invoices WHERE id = {id} FOR UPDATE").ToListAsync(ct))
        .SingleOrDefault();

    /// <summary>Why this amount cannot be paid on this invoice, or null when it can.</summary>
    public static PaymentRefusal? Refusal(Invoice invoice, decimal amount) =>
        invoice.Status == InvoiceStatus.Void ? new(PaymentRefusalKind.Void, "This invoice is void and takes no payments.")
        : amount <= 0 ? new(PaymentRefusalKind.Amount, "Amount must be greater than 0.")
        : amount > invoice.Balance ? new(PaymentRefusalKind.Amount, invoice.Balance == 0
            ? "This invoice is paid in full."
            : $"Amount must not exceed the open balance of {invoice.Balance:0.##}.")
        : null;

    /// <summary>
    /// Adds the payment, moves the invoice's status, restores the client when nothing else is overdue, and queues
    /// the receipt (then the restore message) for the client.
    /// </summary>
    public async Task<PostedPayment> PostAsync(Invoice invoice, PaymentEntry entry, ClaimsPrincipal? user, Instant now,
        LocalDate today, CancellationToken ct)
    {
        var payment = new Payment
        {
            InvoiceId = invoice.Id,
            Amount = entry.Amount,
            PaymentDate = entry.PaymentDate,
            PaymentMethod = entry.Method,
            Status = PaymentStatus.Success,
            Reference = entry.Reference,
            IdempotencyKey = entry.IdempotencyKey,
            Gateway = entry.Gateway,
            GatewayMethod = entry.GatewayMethod,
            RecordedByUserId = entry.RecordedByUserId,
            CreatedAt = now,
        };
        await db.Payments.AddAsync(payment, ct);
        invoice.AmountPaid += payment.Amount;
        invoice.Status = invoice.Balance == 0 ? InvoiceStatus.Paid
            : invoice.Status == InvoiceStatus.Overdue ? InvoiceStatus.Overdue
            : InvoiceStatus.PartiallyPaid;
        invoice.UpdatedAt = now;
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == invoice.ClientId, ct);
        if (client is not null) notifier.Queue(NotificationEvent.PaymentReceived, client, today, now, invoice, payment);
        var restored = invoice.Status == InvoiceStatus.Paid && client is not null
            && await RestoreClientAsync(client, invoice, payment, user, today, now, ct);
        db.Audit(user, now, "payment.recorded", "invoice", invoice.Id,
            new { payment_id = payment.Id, payment.Amount, method = PaymentView.MethodOf(payment), payment.Reference,
                invoice_status = invoice.Status });
        return new PostedPayment(payment, restored);
    }

    private async Task<bool> RestoreClientAsync(Client client, Invoice invoice, Payment payment, ClaimsPrincipal? user,
        LocalDate today, Instant now, CancellationToken ct)
    {
        if (client.IsolatedAt is null || client.RouterId is null) return false;
        // Overdue by status, or unpaid past its grace but not yet marked by the daily run.
        if (await OverdueInvoices.AsOf(db, today, options.Value.GraceDays)
                .AnyAsync(i => i.ClientId == client.Id && i.Id != invoice.Id, ct)) return false;
        var before = ClientRouterState.Of(client);
        client.IsolatedAt = null;
        client.UpdatedAt = now;
        db.QueueRouterChanges(now, client, before);
        db.Audit(user, now, "client.restored", "client", client.Id, new { invoice_id = invoice.Id });
        notifier.Queue(NotificationEvent.ClientRestored, client, today, now, invoice, payment);
        return true;
    }
}

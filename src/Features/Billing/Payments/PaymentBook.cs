using MikroNet.Infrastructure.Telemetry;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MikroNet.Features.Billing.Credit;
using MikroNet.Features.Common;
using MikroNet.Features.Notifications.Queue;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Billing.Payments;

/// <summary>
/// The one money path: a payment typed in by an operator and one collected by a gateway are both checked,
/// recorded, audited and allowed to restore an isolated client here. Callers hold a transaction and the invoice's
/// row lock (<see cref="LockInvoiceAsync"/>) and save afterwards.
/// </summary>
public sealed class PaymentBook(MikroNetDb db, IOptions<BillingOptions> options, Notifier notifier,
    MikroNetMetrics metrics)
{
    /// <summary>The row lock queues concurrent payments on one invoice, so each sees the balance the last one left.</summary>
    public async Task<Invoice?> LockInvoiceAsync(int id, CancellationToken ct) =>
        (await db.Invoices.FromSql($"SELECT * FROM invoices WHERE id = {id} FOR UPDATE").ToListAsync(ct))
        .SingleOrDefault();

    /// <summary>
    /// Why this amount cannot be paid on this invoice, or null when it can. An operator may not pay more than the
    /// balance; money a gateway already collected may (<paramref name="excessToCredit"/>): the rest becomes credit.
    /// </summary>
    public static PaymentRefusal? Refusal(Invoice invoice, decimal amount, bool excessToCredit = false) =>
        invoice.Status == InvoiceStatus.Void ? new(PaymentRefusalKind.Void, "This invoice is void and takes no payments.")
        : amount <= 0 ? new(PaymentRefusalKind.Amount, "Amount must be greater than 0.")
        : amount > invoice.Balance && !excessToCredit ? new(PaymentRefusalKind.Amount, invoice.Balance == 0
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
        var toInvoice = Math.Min(payment.Amount, invoice.Balance);
        invoice.AmountPaid += toInvoice;
        await ClientCredit.GiveAsync(db, invoice.ClientId, payment.Amount - toInvoice, ClientCreditKind.Overpayment, now,
            ct, invoice.Id, payment: payment);
        invoice.Status = InvoiceBalance.StatusAfterChange(invoice);
        invoice.UpdatedAt = now;
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == invoice.ClientId, ct);
        if (client is not null) notifier.Queue(NotificationEvent.PaymentReceived, client, today, now, invoice, payment);
        var restored = invoice.Status == InvoiceStatus.Paid && await ClientRestore.IfNothingOverdueAsync(db, notifier,
            invoice.ClientId, invoice.Id, user, today, options.Value.GraceDays, now, ct, payment);
        db.Audit(user, now, "payment.recorded", "invoice", invoice.Id,
            new { payment_id = payment.Id, payment.Amount, method = PaymentView.MethodOf(payment), payment.Reference,
                invoice_status = invoice.Status });
        metrics.PaymentRecorded(SnakeCaseEnums.ToSnakeCase(payment.PaymentMethod), payment.Amount);
        return new PostedPayment(payment, restored);
    }
}

using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MikroNet.Features.Billing.Credit;
using MikroNet.Features.Common;
using MikroNet.Features.Notifications.Queue;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Billing.VoidInvoice;

/// <summary>
/// Voids an invoice that nobody has paid or credited: status void (its number stays taken, so numbering stays
/// gapless), its period cancelled unless kept, client credit it used given back, and an isolated client restored
/// when this was what kept it isolated. The caller holds a transaction and the invoice's row lock.
/// </summary>
public sealed class InvoiceVoider(MikroNetDb db, IOptions<BillingOptions> options, Notifier notifier)
{
    /// <summary>Why this invoice cannot be voided (a 409), or null.</summary>
    public async Task<string?> RefusalAsync(Invoice invoice, CancellationToken ct) =>
        invoice.Status == InvoiceStatus.Void ? "This invoice is already void."
        : invoice.AmountPaid > 0 || await db.Payments.AnyAsync(p => p.InvoiceId == invoice.Id, ct)
            ? "This invoice has payments and cannot be voided; credit it instead (POST /invoices/{id}/credit-notes)."
        : await db.CreditNotes.AnyAsync(n => n.InvoiceId == invoice.Id, ct)
            ? "This invoice has credit notes and cannot be voided; credit the rest instead."
        : null;

    public async Task<Response> VoidAsync(Invoice invoice, string reason, bool keepPeriod, ClaimsPrincipal? user,
        LocalDate today, Instant now, CancellationToken ct)
    {
        invoice.Status = InvoiceStatus.Void;
        invoice.VoidedAt = now;
        invoice.VoidReason = reason;
        invoice.UpdatedAt = now;
        var cancelPeriod = invoice.Kind == InvoiceKind.Period && !keepPeriod;
        // Charges a period invoice carried are still owed: they wait for the next invoice again. A charge's own
        // invoice (invoice_now) voided is the charge withdrawn.
        if (invoice.Kind == InvoiceKind.Period)
            await db.ClientCharges.Where(c => c.InvoiceId == invoice.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.InvoiceId, (int?)null), ct);
        if (cancelPeriod)
            await db.Subscriptions.Where(s => s.Id == invoice.SubscriptionId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubscriptionStatus.Cancelled), ct);
        // Its open payment links are withdrawn: a customer must not be sent to pay a void invoice.
        await db.PaymentLinks.Where(l => l.InvoiceId == invoice.Id && l.Status == PaymentLinkStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, PaymentLinkStatus.Cancelled)
                .SetProperty(l => l.UpdatedAt, now), ct);
        // Credit the billing run applied to this invoice was the client's money: it goes back to the balance.
        var returned = -await db.InvoiceLines
            .Where(l => l.InvoiceId == invoice.Id && l.Kind == InvoiceLineKind.Credit).SumAsync(l => l.Amount, ct);
        await ClientCredit.GiveAsync(db, invoice.ClientId, returned, ClientCreditKind.Returned, now, ct, invoice.Id);
        var restored = await ClientRestore.IfNothingOverdueAsync(db, notifier, invoice.ClientId, invoice.Id, user, today,
            options.Value.GraceDays, now, ct);
        db.Audit(user, now, "invoice.voided", "invoice", invoice.Id,
            new { invoice.Number, reason, period_cancelled = cancelPeriod, credit_returned = returned });
        return new Response(RecordPayment.InvoiceView.From(invoice), cancelPeriod, returned, restored);
    }
}

using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MikroNet.Features.Billing.Charges;
using MikroNet.Features.Billing.Credit;
using MikroNet.Features.Billing.CreditNotes;
using MikroNet.Features.Billing.Payments;
using MikroNet.Features.Billing.VoidInvoice;
using MikroNet.Features.Common;
using MikroNet.Features.Provisioning;
using MikroNet.Features.Provisioning.Outbox;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Billing.CancelClient;

/// <summary>
/// Ends a client's service: nothing renews (auto_renew off, cancel_on set); periods from the first day without
/// service on are cancelled and their invoices voided (credited when already paid); "now" removes the secret at
/// once (through the outbox) and, with Billing:ProrateOnCancel, credits the current period's unused days. At end of
/// period the daily run's enforcement cancels the client on cancel_on (Enforcer.CancellationsSql).
/// The caller holds a transaction and the client's row lock.
/// </summary>
public sealed class ClientCanceller(MikroNetDb db, IOptions<BillingOptions> options, PaymentBook payments,
    InvoiceVoider voider, CreditNoteBook notes, ChargeBook charges)
{
    public async Task<Response> CancelAsync(Client client, bool now, string reason, ClaimsPrincipal? user, LocalDate today,
        Instant instant, CancellationToken ct)
    {
        var current = await db.Subscriptions.AsNoTracking()
            .Where(s => s.ClientId == client.Id && s.Status == SubscriptionStatus.Active && s.StartDate <= today)
            .OrderByDescending(s => s.PeriodIndex).FirstOrDefaultAsync(ct);
        var cancelOn = now || current is null || current.EndDate < today ? today : current.EndDate.PlusDays(1);
        client.CancelOn = cancelOn;
        client.CancelReason = reason;
        client.AutoRenew = false;
        client.UpdatedAt = instant;
        var voided = await EndLaterPeriodsAsync(client.Id, current?.Id, cancelOn, reason, user, today, instant, ct);
        var final = await FinalInvoiceAsync(client.Id, today, instant, ct);

        IssuedCreditNote? credit = null;
        if (now)
        {
            var before = ClientRouterState.Of(client);
            client.CancelledAt = instant;
            db.QueueRouterChanges(instant, client, before);
            if (options.Value.ProrateOnCancel && current is not null && current.EndDate > today)
                credit = await CreditUnusedDaysAsync(current, today, user, instant, ct);
        }
        db.Audit(user, instant, now ? "client.cancelled" : "client.cancel_scheduled", "client", client.Id,
            new { cancel_on = cancelOn, reason, credit_note = credit?.Note.Number, voided_invoices = voided,
                final_invoice = final?.Number });
        return new Response(Clients.ClientView.From(client), cancelOn,
            credit is null ? null : CreditInvoice.CreditNoteView.From(credit.Note), voided,
            final is null ? null : RecordPayment.InvoiceView.From(final));
    }

    /// <summary>
    /// No next invoice will come: charges still waiting (a proration, a charge from a voided renewal) are billed at
    /// once on a final invoice, which uses the client's credit like an invoice of the billing run.
    /// </summary>
    private async Task<Invoice?> FinalInvoiceAsync(int clientId, LocalDate today, Instant instant, CancellationToken ct)
    {
        var pending = await db.ClientCharges.Where(c => c.ClientId == clientId && c.InvoiceId == null)
            .OrderBy(c => c.Id).ToListAsync(ct);
        if (pending.Count == 0) return null;
        var latest = await db.Subscriptions.Where(s => s.ClientId == clientId).OrderByDescending(s => s.PeriodIndex)
            .Select(s => s.Id).FirstAsync(ct);
        var invoice = await charges.InvoiceNowAsync(pending, latest, today, instant, ct);
        if ((await CreditApplication.ApplyAsync(db, [invoice.Id], instant, ct)).Count > 0)
            await db.Entry(invoice).ReloadAsync(ct);
        return invoice;
    }

    /// <summary>Periods already raised for after the service ends: cancelled, their invoices voided or credited.</summary>
    private async Task<List<string>> EndLaterPeriodsAsync(int clientId, int? currentPeriodId, LocalDate cancelOn,
        string reason, ClaimsPrincipal? user, LocalDate today, Instant instant, CancellationToken ct)
    {
        var voided = new List<string>();
        var invoiceIds = await db.Invoices.Where(i => i.ClientId == clientId && i.Kind == InvoiceKind.Period
                && i.Status != InvoiceStatus.Void && i.Subscription!.StartDate >= cancelOn
                && i.SubscriptionId != currentPeriodId)
            .OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
        foreach (var id in invoiceIds)
        {
            var invoice = (await payments.LockInvoiceAsync(id, ct))!;
            if (await voider.RefusalAsync(invoice, ct) is null)
            {
                await voider.VoidAsync(invoice, $"Client cancelled: {reason}", keepPeriod: false, user, today, instant, ct);
                voided.Add(invoice.Number);
                continue;
            }
            var left = await notes.CreditableAsync(invoice, ct);
            if (left > 0) await notes.IssueAsync(invoice, left, $"Client cancelled: {reason}", user, today, instant, ct);
            await db.Subscriptions.Where(s => s.Id == invoice.SubscriptionId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubscriptionStatus.Cancelled), ct);
        }
        return voided;
    }

    /// <summary>
    /// The days after today of the current period, at the period's price as billed (with the tax when prices are
    /// without tax), rounded to the currency's minor unit; at most what is left to credit on its invoice.
    /// </summary>
    private async Task<IssuedCreditNote?> CreditUnusedDaysAsync(Subscription period, LocalDate today,
        ClaimsPrincipal? user, Instant instant, CancellationToken ct)
    {
        var invoiceId = await db.Invoices.Where(i => i.SubscriptionId == period.Id && i.Kind == InvoiceKind.Period
            && i.Status != InvoiceStatus.Void).Select(i => (int?)i.Id).SingleOrDefaultAsync(ct);
        if (invoiceId is null) return null;
        var o = options.Value;
        var gross = o.PricesIncludeTax ? period.Price : period.Price + Money.Round(period.Price * o.TaxRate, o.MinorUnits);
        var days = Period.DaysBetween(period.StartDate, period.EndDate) + 1;
        var unused = Period.DaysBetween(today, period.EndDate);
        var invoice = (await payments.LockInvoiceAsync(invoiceId.Value, ct))!;
        var amount = Math.Min(Money.Round(gross * unused / days, o.MinorUnits), await notes.CreditableAsync(invoice, ct));
        return amount <= 0 ? null
            : await notes.IssueAsync(invoice, amount, $"Cancelled: {unused} unused of {days} days", user, today, instant, ct);
    }
}

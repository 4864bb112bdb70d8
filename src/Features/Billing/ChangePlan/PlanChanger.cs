using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MikroNet.Features.Billing.Charges;
using MikroNet.Features.Billing.CreditNotes;
using MikroNet.Features.Billing.Payments;
using MikroNet.Features.Common;
using MikroNet.Features.Provisioning;
using MikroNet.Features.Provisioning.Outbox;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Billing.ChangePlan;

/// <summary>
/// Moves a billed client to another plan. "next_period" sets next_plan_id: the periods not raised yet renew on it, a
/// plan with another period length moves the anchor to the first of them (periods are counted in the new months from
/// there), and enforcement makes it the client's plan, pushing the profile, on the day that period starts. "now"
/// changes plan_id at once, pushes the new profile through the one client->router decision and prorates the rest of
/// the periods already raised by days. The caller holds a transaction and the client's row lock.
/// </summary>
public sealed class PlanChanger(MikroNetDb db, IOptions<BillingOptions> options, ChargeBook charges,
    PaymentBook payments, CreditNoteBook notes)
{
    public async Task<Response> ChangeAsync(Client client, Plan plan, bool now, ClaimsPrincipal? user, LocalDate today,
        Instant instant, CancellationToken ct)
    {
        var oldPlan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == client.PlanId, ct);
        var last = await db.Subscriptions.AsNoTracking().Where(s => s.ClientId == client.Id)
            .OrderByDescending(s => s.PeriodIndex).FirstAsync(ct);
        var nextStart = last.EndDate.PlusDays(1);
        if (plan.PeriodMonths != oldPlan.PeriodMonths)
        {
            client.AnchorDate = nextStart;
            client.AnchorIndex = last.PeriodIndex + 1;
        }
        client.UpdatedAt = instant;
        var prorations = new List<ProrationView>();
        if (!now) client.NextPlanId = plan.Id;
        else
        {
            var before = ClientRouterState.Of(client);
            client.PlanId = plan.Id;
            client.Plan = plan;
            db.QueueRouterChanges(instant, client, before);
            foreach (var period in await db.Subscriptions.AsNoTracking()
                         .Where(s => s.ClientId == client.Id && s.Status == SubscriptionStatus.Active && s.EndDate >= today)
                         .OrderBy(s => s.PeriodIndex).ToListAsync(ct))
                if (await ProrateAsync(client, period, plan, today, user, instant, ct) is { } proration)
                    prorations.Add(proration);
        }
        db.Audit(user, instant, "client.plan_changed", "client", client.Id, new
        {
            from_plan_id = oldPlan.Id, to_plan_id = plan.Id, effective = now ? "now" : "next_period",
            next_period_start = nextStart, prorations,
        });
        return new Response(Clients.ClientView.From(client), nextStart, prorations);
    }

    /// <summary>
    /// The price difference for the days of the period from today (or its start) to its end, by days, rounded to the
    /// minor unit: more becomes a proration charge on the next invoice, less a credit note on the period's invoice.
    /// </summary>
    private async Task<ProrationView?> ProrateAsync(Client client, Subscription period, Plan plan, LocalDate today,
        ClaimsPrincipal? user, Instant instant, CancellationToken ct)
    {
        var o = options.Value;
        var periodDays = Period.DaysBetween(period.StartDate, period.EndDate) + 1;
        var days = Period.DaysBetween(LocalDate.Max(today, period.StartDate), period.EndDate) + 1;
        var amount = Money.Round((plan.Price - period.Price) * days / periodDays, o.MinorUnits);
        var text = $"{plan.Name} from {LocalDate.Max(today, period.StartDate):yyyy-MM-dd}: {days} of {periodDays} days";
        if (amount > 0)
        {
            charges.Add(client.Id, ChargeKind.Proration, $"Upgrade to {text}", amount, taxable: true, user, instant);
            return new ProrationView(period.Id, days, periodDays, amount, "charge", null);
        }
        var invoiceId = await db.Invoices.Where(i => i.SubscriptionId == period.Id && i.Kind == InvoiceKind.Period
            && i.Status != InvoiceStatus.Void).Select(i => (int?)i.Id).SingleOrDefaultAsync(ct);
        if (amount == 0 || invoiceId is null) return null;
        var invoice = (await payments.LockInvoiceAsync(invoiceId.Value, ct))!;
        var credit = Math.Min(-amount, await notes.CreditableAsync(invoice, ct));
        if (credit <= 0) return null;
        var issued = await notes.IssueAsync(invoice, credit, $"Downgrade to {text}", user, today, instant, ct);
        return new ProrationView(period.Id, days, periodDays, -credit, "credit_note", issued.Note.Number);
    }
}

using Microsoft.EntityFrameworkCore;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Billing;

/// <summary>What the lifecycle routes on a client (charges, cancel, plan change) share: its row lock and whether it is billed.</summary>
public sealed class ClientBilling(MikroNetDb db)
{
    /// <summary>
    /// The billing lock (<see cref="BillingLock"/>), then the client row, both until the transaction ends: changes to
    /// a client's billing take turns with each other and with billing runs. In this order always: a run holds the
    /// invoice counter and then updates clients' credit, so a writer holding a client row while waiting for the
    /// counter would deadlock with it.
    /// </summary>
    public async Task<Client?> LockAsync(int id, CancellationToken ct)
    {
        await BillingLock.AcquireAsync(db, ct);
        return (await db.Clients.FromSql($"SELECT * FROM clients WHERE id = {id} FOR UPDATE").ToListAsync(ct))
            .SingleOrDefault();
    }

    /// <summary>
    /// Why a charge cannot be billed to this client (a 409), or null: a client without periods, or a cancelled one
    /// unless invoiced at once (no next invoice will ever come).
    /// </summary>
    public async Task<(int Status, string Message)?> RefusalToBillAsync(Client client, bool invoiceNow, CancellationToken ct) =>
        client.CancelOn is not null && !invoiceNow
            ? (409, "This client is cancelled and gets no next invoice; charge it with invoice_now: true.")
        : !await db.Subscriptions.AnyAsync(s => s.ClientId == client.Id, ct)
            ? (409, "This client has no subscription periods yet; start one first (POST /client/{id}/subscriptions).")
            : null;

    /// <summary>Why this client cannot move to this plan (a 409), or null.</summary>
    public async Task<string?> RefusalToChangePlanAsync(Client client, Plan plan, bool now, CancellationToken ct) =>
        client.CancelOn is not null ? "This client is cancelled."
        : client.PlanId is null || !await db.Subscriptions.AnyAsync(s => s.ClientId == client.Id, ct)
            ? "This client is not billed yet; start its first period with the plan (POST /client/{id}/subscriptions)."
        : client.NextPlanId is { } next
            ? $"A change to plan {next} from the next period is pending; it takes effect when that period starts."
        : client.PlanId == plan.Id ? "The client is already on this plan."
        : now && await db.Plans.AnyAsync(p => p.Id == client.PlanId && p.PeriodMonths != plan.PeriodMonths, ct)
            ? "A plan with another period length can only start with the next period (effective: next_period)."
        : null;

    /// <summary>The client's latest period (the one an invoice of its own is listed under).</summary>
    public Task<int> LatestPeriodIdAsync(int clientId, CancellationToken ct) =>
        db.Subscriptions.Where(s => s.ClientId == clientId).OrderByDescending(s => s.PeriodIndex)
            .Select(s => s.Id).FirstAsync(ct);
}

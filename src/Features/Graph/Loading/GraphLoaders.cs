using MikroNet.Features.Billing;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MikroNet.Features.Graph.Loading;

/// <summary>
/// The batch loaders of one request (scoped). Each nested level of a query costs one SQL statement, however many
/// parents it has: `WHERE parent_id = ANY(@ids)`.
/// </summary>
public sealed class GraphLoaders(MikroNetDb db, ProviderClock clock, IOptions<BillingOptions> billing)
{
    private BatchLoader<int, IReadOnlyList<SubscriptionRow>>? _subscriptions;
    private BatchLoader<int, IReadOnlyList<InvoiceRow>>? _invoices;
    private BatchLoader<int, IReadOnlyList<InvoiceLineRow>>? _lines;
    private BatchLoader<int, IReadOnlyList<PaymentRow>>? _payments;
    private BatchLoader<int, IReadOnlyList<PaymentLinkRow>>? _links;
    private BatchLoader<int, decimal>? _balances;
    private BatchLoader<int, bool>? _overdue;
    private BatchLoader<int, PlanRow?>? _plans;
    private BatchLoader<int, RouterRow?>? _routers;
    private BatchLoader<int, ClientRow?>? _clients;

    public BatchLoader<int, IReadOnlyList<SubscriptionRow>> SubscriptionsByClient => _subscriptions ??= Lists(
        ids => db.Subscriptions.Where(s => ids.Contains(s.ClientId)).OrderBy(s => s.StartDate).ThenBy(s => s.Id)
            .Select(Projections.Subscription), s => s.ClientId);

    public BatchLoader<int, IReadOnlyList<InvoiceRow>> InvoicesBySubscription => _invoices ??= Lists(
        ids => db.Invoices.Where(i => ids.Contains(i.SubscriptionId)).OrderBy(i => i.InvoiceDate).ThenBy(i => i.Id)
            .Select(Projections.Invoice), i => i.SubscriptionId);

    public BatchLoader<int, IReadOnlyList<InvoiceLineRow>> LinesByInvoice => _lines ??= Lists(
        ids => db.InvoiceLines.Where(l => ids.Contains(l.InvoiceId)).OrderBy(l => l.Position).ThenBy(l => l.Id)
            .Select(Projections.InvoiceLine), l => l.InvoiceId);

    public BatchLoader<int, IReadOnlyList<PaymentRow>> PaymentsByInvoice => _payments ??= Lists(
        ids => db.Payments.Where(p => ids.Contains(p.InvoiceId)).OrderBy(p => p.PaymentDate).ThenBy(p => p.Id)
            .Select(Projections.Payment), p => p.InvoiceId);

    public BatchLoader<int, IReadOnlyList<PaymentLinkRow>> PaymentLinksByInvoice => _links ??= Lists(
        ids => db.PaymentLinks.Where(l => ids.Contains(l.InvoiceId)).OrderBy(l => l.Id).Select(Projections.PaymentLink),
        l => l.InvoiceId);

    /// <summary>What a client still owes: the open balance of invoices that are not paid or void.</summary>
    public BatchLoader<int, decimal> OutstandingByClient => _balances ??= new(async (ids, ct) =>
        await db.Invoices.AsNoTracking()
            .Where(i => ids.Contains(i.ClientId) && i.Status != InvoiceStatus.Paid && i.Status != InvoiceStatus.Void)
            .GroupBy(i => i.ClientId)
            .Select(g => new { g.Key, Sum = g.Sum(i => i.TotalAmount - i.AmountPaid) })
            .ToDictionaryAsync(x => x.Key, x => x.Sum, ct), 0m);

    /// <summary>Billing's overdue rule as of today, the same database function enforcement applies.</summary>
    public BatchLoader<int, bool> OverdueInvoices => _overdue ??= new(async (ids, ct) =>
        await Billing.OverdueInvoices.AsOf(db, clock.Today, billing.Value.GraceDays).AsNoTracking()
            .Where(i => ids.Contains(i.Id)).Select(i => i.Id)
            .ToDictionaryAsync(id => id, _ => true, ct), false);

    public BatchLoader<int, PlanRow?> Plans => _plans ??= ById(
        ids => db.Plans.Where(p => ids.Contains(p.Id)).Select(Projections.Plan), p => p.PlanId);

    public BatchLoader<int, RouterRow?> Routers => _routers ??= ById(
        ids => db.Routers.Where(r => ids.Contains(r.Id)).Select(Projections.Router), r => r.RouterId);

    public BatchLoader<int, ClientRow?> Clients => _clients ??= ById(
        ids => db.Clients.Where(c => ids.Contains(c.Id)).Select(Projections.Client), c => c.ClientId);

    private static BatchLoader<int, IReadOnlyList<T>> Lists<T>(Func<int[], IQueryable<T>> query, Func<T, int> parent) where T : class =>
        new(async (ids, ct) =>
        {
            var rows = await query([.. ids]).AsNoTracking().ToListAsync(ct);
            return rows.GroupBy(parent).ToDictionary(g => g.Key, g => (IReadOnlyList<T>)[.. g]);
        }, []);

    private static BatchLoader<int, T?> ById<T>(Func<int[], IQueryable<T>> query, Func<T, int> key) where T : class =>
        new(async (ids, ct) =>
        {
            var rows = await query([.. ids]).AsNoTracking().ToListAsync(ct);
            return rows.ToDictionary(key, r => (T?)r);
        }, null);
}

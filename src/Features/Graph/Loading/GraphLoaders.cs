using GraphQL.DataLoader;
using MikroNet.Features.Billing;
using MikroNet.Features.Graph.Filtering;
using MikroNet.Features.Graph.Paging;
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
public sealed class GraphLoaders(MikroNetDb db, ProviderClock clock, IOptions<BillingOptions> billing, IOptions<GraphOptions> graph)
{
    private readonly Dictionary<string, object> _byArguments = [];
    private BatchLoader<int, IReadOnlyList<InvoiceLineRow>>? _lines;
    private BatchLoader<int, IReadOnlyList<PaymentLinkRow>>? _links;
    private BatchLoader<int, decimal>? _balances;
    private BatchLoader<int, bool>? _overdue;
    private BatchLoader<int, PlanRow?>? _plans;
    private BatchLoader<int, RouterRow?>? _routers;
    private BatchLoader<int, ClientRow?>? _clients;
    private BatchLoader<int, SubscriptionRow?>? _subscriptionsById;
    private BatchLoader<int, InvoiceRow?>? _invoicesById;
    private BatchLoader<int, PaymentRow?>? _paymentsById;
    private BatchLoader<int, UserRow?>? _users;
    private readonly BatchLoader<int, ClientRow?>?[] _trees = new BatchLoader<int, ClientRow?>?[ClientTrees.MaxDepth];

    public BatchLoader<int, IReadOnlyList<SubscriptionRow>> SubscriptionsByClient(ListArguments args) => For("subscriptions", args, () => Lists(
        ids => db.Subscriptions.Where(s => ids.Contains(s.ClientId))
            .ApplyWhere(args.Where, EntityFilters.Subscription, MaxFilterNodes, db)
            .ApplyOrder(args.Order, EntityFilters.Subscription, s => s.Id, "startDate")
            .Select(Projections.Subscription), s => s.ClientId));

    public BatchLoader<int, IReadOnlyList<InvoiceRow>> InvoicesBySubscription(ListArguments args) => For("invoices", args, () => Lists(
        ids => db.Invoices.Where(i => ids.Contains(i.SubscriptionId))
            .ApplyWhere(args.Where, EntityFilters.Invoice, MaxFilterNodes, db)
            .ApplyOrder(args.Order, EntityFilters.Invoice, i => i.Id, "invoiceDate")
            .Select(Projections.Invoice), i => i.SubscriptionId));

    public BatchLoader<int, IReadOnlyList<PaymentRow>> PaymentsByInvoice(ListArguments args) => For("payments", args, () => Lists(
        ids => db.Payments.Where(p => ids.Contains(p.InvoiceId))
            .ApplyWhere(args.Where, EntityFilters.Payment, MaxFilterNodes, db)
            .ApplyOrder(args.Order, EntityFilters.Payment, p => p.Id, "paymentDate")
            .Select(Projections.Payment), p => p.InvoiceId));

    /// <summary>
    /// A page of each client's invoices (across its periods) in one statement, whatever the number of clients.
    /// `last` without `before` reads each client's list backwards and needs the counts first (one more statement).
    /// </summary>
    public BatchLoader<int, Connection<InvoiceRow>> InvoicesByClient(ListArguments args, PageWindow window) =>
        For("client-invoices", args, () =>
        {
            var counts = InvoiceCountsByClient(args);
            return new BatchLoader<int, Connection<InvoiceRow>>(async (ids, ct) =>
            {
                var filtered = db.Invoices.ApplyWhere(args.Where, EntityFilters.Invoice, MaxFilterNodes, db);
                var backwards = window.End is null;
                var ordered = filtered.ApplyOrder(args.Order, EntityFilters.Invoice, i => i.Id, "invoiceDate", reverse: backwards);
                var size = backwards ? window.FromEnd!.Value : Math.Max(0, window.End!.Value - window.Start);
                // Forwards, one row past the page tells whether a next page exists.
                var take = size == 0 ? 0 : backwards ? size : size + 1;
                var skip = backwards ? 0 : window.Start;
                var parents = ids.ToArray();
                // EF numbers each client's rows (ROW_NUMBER() OVER (PARTITION BY client_id ORDER BY …)) and keeps the
                // page's; sorting all pages by the same total order again keeps each client's rows in its order.
                var rows = take == 0 ? [] : await db.Clients.IgnoreQueryFilters().Where(c => parents.Contains(c.Id))
                    .SelectMany(c => ordered.Where(i => i.ClientId == c.Id).Skip(skip).Take(take))
                    .ApplyOrder(args.Order, EntityFilters.Invoice, i => i.Id, "invoiceDate", reverse: backwards)
                    .Select(Projections.Invoice).AsNoTracking().ToListAsync(ct);
                var byClient = rows.GroupBy(r => r.ClientId).ToDictionary(g => g.Key, g => g.ToList());
                var totals = new Dictionary<int, int>();
                if (backwards)
                {
                    var pending = ids.Select(id => (Id: id, Count: counts.Load(id))).ToList();
                    foreach (var (id, count) in pending) totals[id] = await count.GetResultAsync(ct);
                }
                var pages = new Dictionary<int, Connection<InvoiceRow>>();
                foreach (var id in ids)
                {
                    var own = byClient.GetValueOrDefault(id) ?? [];
                    IDataLoaderResult<int> Count() => counts.Load(id);
                    if (!backwards)
                    {
                        pages[id] = Pager.Connect(own, window.Start, size, Count);
                        continue;
                    }
                    var (start, end) = window.Resolve(totals[id]);
                    var length = Math.Max(0, end - start);
                    own.Reverse();
                    pages[id] = Pager.Connect(own.Skip(Math.Max(0, own.Count - length)).ToList(), start, length, Count);
                }
                return pages;
            }, new Connection<InvoiceRow>([], new PageInfo(false, false, null, null), () => new Deferred<int>(_ => Task.FromResult(0))));
        });

    /// <summary>How many invoices each client has that match `where`: one grouped COUNT for every client asked.</summary>
    private BatchLoader<int, int> InvoiceCountsByClient(ListArguments args) => For("client-invoice-counts", args, () =>
        new BatchLoader<int, int>(async (ids, ct) =>
        {
            var parents = ids.ToArray();
            return await db.Invoices.AsNoTracking().Where(i => parents.Contains(i.ClientId))
                .ApplyWhere(args.Where, EntityFilters.Invoice, MaxFilterNodes, db)
                .GroupBy(i => i.ClientId).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        }, 0));

    public BatchLoader<int, IReadOnlyList<InvoiceLineRow>> LinesByInvoice => _lines ??= Lists(
        ids => db.InvoiceLines.Where(l => ids.Contains(l.InvoiceId)).OrderBy(l => l.Position).ThenBy(l => l.Id)
            .Select(Projections.InvoiceLine), l => l.InvoiceId);

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

    /// <summary>
    /// Clients with <paramref name="depth"/> levels of plain lists below them (<see cref="TreeDepth"/>) in one statement:
    /// the list loaders without arguments are primed with what it read, so those levels cost no statement of their own.
    /// </summary>
    public BatchLoader<int, ClientRow?> ClientsWithTree(int depth) => depth == 0 ? Clients : _trees[depth - 1] ??= new(async (ids, ct) =>
    {
        var parents = ids.ToArray();
        var trees = parents.Length == 1 ? await ClientTrees.OneAsync(db, parents[0], depth, ct)
            : await db.Clients.Where(c => parents.Contains(c.Id)).Select(ClientTrees.Projection(depth)).AsNoTracking().ToListAsync(ct);
        foreach (var tree in trees) Prime(tree);
        return trees.ToDictionary(t => t.Client.ClientId, t => (ClientRow?)t.Client);
    }, null);

    private void Prime(ClientTree tree)
    {
        if (tree.Subscriptions is not { } subscriptions) return;
        SubscriptionsByClient(ListArguments.None).Prime(tree.Client.ClientId, [.. subscriptions.Select(s => s.Subscription)]);
        foreach (var subscription in subscriptions)
        {
            if (subscription.Invoices is not { } invoices) continue;
            InvoicesBySubscription(ListArguments.None).Prime(subscription.Subscription.SubscriptionId, [.. invoices.Select(i => i.Invoice)]);
            foreach (var invoice in invoices)
                if (invoice.Payments is { } payments) PaymentsByInvoice(ListArguments.None).Prime(invoice.Invoice.InvoiceId, payments);
        }
    }

    public BatchLoader<int, SubscriptionRow?> Subscriptions => _subscriptionsById ??= ById(
        ids => db.Subscriptions.Where(s => ids.Contains(s.Id)).Select(Projections.Subscription), s => s.SubscriptionId);

    public BatchLoader<int, InvoiceRow?> Invoices => _invoicesById ??= ById(
        ids => db.Invoices.Where(i => ids.Contains(i.Id)).Select(Projections.Invoice), i => i.InvoiceId);

    public BatchLoader<int, PaymentRow?> Payments => _paymentsById ??= ById(
        ids => db.Payments.Where(p => ids.Contains(p.Id)).Select(Projections.Payment), p => p.PaymentId);

    public BatchLoader<int, UserRow?> Users => _users ??= ById(
        ids => db.Users.Where(u => ids.Contains(u.Id)).Select(u => new UserRow(u.Id, u.Username, u.Role)), u => u.UserId);

    private int MaxFilterNodes => graph.Value.MaxFilterNodes;

    private BatchLoader<TKey, TValue> For<TKey, TValue>(string field, ListArguments args, Func<BatchLoader<TKey, TValue>> create)
        where TKey : notnull
    {
        var key = field + "|" + args.Key;
        if (!_byArguments.TryGetValue(key, out var loader)) _byArguments[key] = loader = create();
        return (BatchLoader<TKey, TValue>)loader;
    }

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

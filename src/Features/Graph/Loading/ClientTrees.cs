using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace MikroNet.Features.Graph.Loading;

public sealed record ClientTree(ClientRow Client, List<SubscriptionTree>? Subscriptions);

public sealed record SubscriptionTree(SubscriptionRow Subscription, List<InvoiceTree>? Invoices);

public sealed record InvoiceTree(InvoiceRow Invoice, List<PaymentRow>? Payments);

/// <summary>
/// A client with its periods, their invoices and those invoices' payments, as one EF Core query (one SQL statement
/// with joins) instead of one statement per level. Each level is in the order of its list field without arguments
/// (`startDate`, `invoiceDate`, `paymentDate`, then the id), with the same projections as the per-level loaders, so a
/// primed loader holds exactly what it would have read itself.
/// </summary>
public static class ClientTrees
{
    /// <summary>The deepest tree: subscriptions, invoices and payments.</summary>
    public const int MaxDepth = 3;

    private static readonly Expression<Func<Client, ClientTree>> Full = Inline.Expand<Func<Client, ClientTree>>(c => new ClientTree(
        c.Row(Projections.Client),
        c.Subscriptions.OrderBy(s => s.StartDate).ThenBy(s => s.Id).Select(s => new SubscriptionTree(
            s.Row(Projections.Subscription),
            s.Invoices.OrderBy(i => i.InvoiceDate).ThenBy(i => i.Id).Select(i => new InvoiceTree(
                i.Row(Projections.Invoice),
                i.Payments.OrderBy(p => p.PaymentDate).ThenBy(p => p.Id).Select(p => p.Row(Projections.Payment)).ToList())).ToList()))
            .ToList()));

    private static readonly Expression<Func<Client, ClientTree>>[] ByDepth =
        [.. Enumerable.Range(1, MaxDepth).Select(depth => (Expression<Func<Client, ClientTree>>)new Prune(depth).Visit(Full))];

    /// <summary>
    /// One client by id, compiled once per depth and EF Core model: EF Core then neither walks nor hashes the tree's
    /// expression per request. A compiled query is bound to the model it first ran with (and refuses any other), so
    /// hosts with models of their own in one process (tests, two hosts side by side) each get their own.
    /// </summary>
    private static readonly ConditionalWeakTable<IModel, Func<MikroNetDb, int, IAsyncEnumerable<ClientTree>>[]> OneByDepth = [];

    private static Func<MikroNetDb, int, IAsyncEnumerable<ClientTree>>[] Compile(IModel _) => [.. ByDepth.Select(projection =>
    {
        // One statement with joins on purpose (no split query): EF Core warns about several collections otherwise.
        Expression<Func<MikroNetDb, int, IQueryable<Client>>> one = (db, id) => db.Clients.AsSingleQuery().Where(c => c.Id == id);
        var body = Expression.Call(typeof(Queryable), nameof(Queryable.Select), [typeof(Client), typeof(ClientTree)],
            one.Body, Expression.Quote(projection));
        return EF.CompileAsyncQuery(Expression.Lambda<Func<MikroNetDb, int, IQueryable<ClientTree>>>(body, one.Parameters));
    })];

    /// <summary>The projection reading <paramref name="depth"/> levels below the client (1–3); deeper lists are null.</summary>
    public static Expression<Func<Client, ClientTree>> Projection(int depth) => ByDepth[depth - 1];

    /// <summary>
    /// One client's tree. It is compared with `=`, not `= ANY(@ids)`: PostgreSQL then reuses one generic plan of the
    /// join, where an array makes it plan the statement again on every execution (a custom plan costs more than the read).
    /// </summary>
    public static async Task<List<ClientTree>> OneAsync(MikroNetDb db, int clientId, int depth, CancellationToken ct)
    {
        var trees = new List<ClientTree>(1);
        var query = OneByDepth.GetValue(db.Model, Compile)[depth - 1];
        await foreach (var tree in query(db, clientId).WithCancellation(ct)) trees.Add(tree);
        return trees;
    }

    /// <summary>Replaces the lists below <c>depth</c> levels with null, so that their tables are not joined.</summary>
    private sealed class Prune(int depth) : ExpressionVisitor
    {
        private int _level;

        protected override Expression VisitNew(NewExpression node)
        {
            if (node.Type != typeof(ClientTree) && node.Type != typeof(SubscriptionTree) && node.Type != typeof(InvoiceTree))
                return base.VisitNew(node);
            _level++;
            var children = _level > depth
                ? Expression.Constant(null, node.Arguments[1].Type)
                : Visit(node.Arguments[1]);
            _level--;
            return node.Update([node.Arguments[0], children]);
        }
    }
}

/// <summary>
/// Lets one query reuse the projections of <see cref="Projections"/> inside a nested lambda, where EF Core cannot call
/// an expression: <c>s.Row(Projections.Subscription)</c> is replaced by the projection's body applied to <c>s</c>.
/// </summary>
internal static class Inline
{
    public static TResult Row<TSource, TResult>(this TSource source, Expression<Func<TSource, TResult>> projection) =>
        throw new InvalidOperationException("Row only marks a projection to inline in a query expression.");

    public static Expression<TDelegate> Expand<TDelegate>(Expression<TDelegate> expression) =>
        (Expression<TDelegate>)new Expander().Visit(expression);

    private sealed class Expander : ExpressionVisitor
    {
        private static readonly MethodInfo RowMethod = typeof(Inline).GetMethod(nameof(Row))!;

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (!node.Method.IsGenericMethod || node.Method.GetGenericMethodDefinition() != RowMethod) return base.VisitMethodCall(node);
            // The projection is a static field of Projections: read it and put its body in place of the call.
            var field = (FieldInfo)((MemberExpression)node.Arguments[1]).Member;
            var projection = (LambdaExpression)field.GetValue(null)!;
            return new Substitute(projection.Parameters[0], Visit(node.Arguments[0])).Visit(projection.Body);
        }
    }

    private sealed class Substitute(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }
}

using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using MikroNet.Features.Graph.Filtering;
using MikroNet.Features.Graph.Loading;
using MikroNet.Features.Graph.Nodes;
using MikroNet.Features.Graph.Paging;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MikroNet.Features.Graph.Types;

public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";

        Paged(Field<NonNullGraphType<ClientsConnectionType>>("clients")
            .Description("Clients (deleted ones excluded), filtered by `where`, sorted by `order` then clientId.")
            .Argument<ClientFilterInput>("where")
            .Argument<ListGraphType<NonNullGraphType<ClientSortInput>>>("order"))
            .ResolveAsync(async c =>
            {
                var filtered = Db(c).Clients.AsNoTracking()
                    .ApplyWhere(c.GetArgument<object?>("where"), EntityFilters.Client, Options(c).MaxFilterNodes, Db(c));
                var ordered = filtered.ApplyOrder(c.GetArgument<object?>("order"), EntityFilters.Client, x => x.Id);
                return await Pager.PageAsync(ordered.Select(Projections.Client), filtered.CountAsync, PageRequest.From(c), Options(c),
                    c.CancellationToken);
            });

        NodeFields.AddTo(this);

        Field<ClientType>("client")
            .Argument<NonNullGraphType<IntGraphType>>("clientId")
            .Resolve(c => c.Loaders().ClientsWithTree(TreeDepth.Of(c)).Load(c.GetArgument<int>("clientId")));

        Paged(Field<NonNullGraphType<InvoicesConnectionType>>("invoices")
            .Description("Invoices of all clients (including deleted ones), sorted by `order` then invoiceId.")
            .Argument<InvoiceFilterInput>("where")
            .Argument<ListGraphType<NonNullGraphType<InvoiceSortInput>>>("order"))
            .ResolveAsync(async c =>
            {
                var filtered = Db(c).Invoices.AsNoTracking()
                    .ApplyWhere(c.GetArgument<object?>("where"), EntityFilters.Invoice, Options(c).MaxFilterNodes, Db(c));
                var ordered = filtered.ApplyOrder(c.GetArgument<object?>("order"), EntityFilters.Invoice, x => x.Id);
                return await Pager.PageAsync(ordered.Select(Projections.Invoice), filtered.CountAsync, PageRequest.From(c), Options(c),
                    c.CancellationToken);
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PlanType>>>>("plans")
            .ResolveAsync(async c => await Db(c).Plans.AsNoTracking().OrderBy(p => p.Name).ThenBy(p => p.Id)
                .Select(Projections.Plan).ToListAsync(c.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RouterType>>>>("routers")
            .ResolveAsync(async c => await Db(c).Routers.AsNoTracking().OrderBy(r => r.Name).ThenBy(r => r.Id)
                .Select(Projections.Router).ToListAsync(c.CancellationToken));

        Field<NonNullGraphType<Reports.Graph.ReportsType>>("reports").Description("Money and client reports (docs/reports.md).")
            .Resolve(_ => Reports.Graph.ReportsType.Root);

        Audit.Graph.AuditLogField.AddTo(this);

        Field<NonNullGraphType<UserType>>("me").Description("The user whose bearer token made this request.")
            .ResolveAsync(async c =>
            {
                var id = c.User?.UserId() ?? throw new ExecutionError("Not signed in.") { Code = "UNAUTHENTICATED" };
                return await Db(c).Users.AsNoTracking().Where(u => u.Id == id)
                    .Select(u => new UserRow(u.Id, u.Username, u.Role)).SingleAsync(c.CancellationToken);
            });
    }

    private static FieldBuilder<object?, TReturn> Paged<TReturn>(FieldBuilder<object?, TReturn> field) => field
        .Argument<IntGraphType>("first", "Items from the start (or after `after`).")
        .Argument<StringGraphType>("after")
        .Argument<IntGraphType>("last", "Items from the end (or before `before`).")
        .Argument<StringGraphType>("before");

    private static MikroNetDb Db(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<MikroNetDb>();

    private static GraphOptions Options(IResolveFieldContext c) =>
        c.RequestServices!.GetRequiredService<IOptions<GraphOptions>>().Value;
}

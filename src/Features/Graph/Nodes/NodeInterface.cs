using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using MikroNet.Features.Graph.Loading;
using MikroNet.Features.Graph.Paging;
using MikroNet.Features.Graph.Types;
using MikroNet.Infrastructure.Security;

namespace MikroNet.Features.Graph.Nodes;

/// <summary>The Relay `Node` interface: every object with a global id, fetchable with `node(id:)`.</summary>
public sealed class NodeInterface : InterfaceGraphType
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "An object with a global id (Relay), fetchable with `node(id:)` and `nodes(ids:)`.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Opaque and global: no two objects of any type share one.");
    }
}

/// <summary>`node` and `nodes` on Query: each type's ids are loaded in one statement, whatever their number.</summary>
public static class NodeFields
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NodeInterface>("node")
            .Description("The object with this global id; null when it does not exist (or is not yours to see).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var pending = Load(c, GlobalId.Decode(c.GetArgument<string>("id")));
                return await pending.GetResultAsync(c.CancellationToken);
            });

        query.Field<NonNullGraphType<ListGraphType<NodeInterface>>>("nodes")
            .Description("The objects with these global ids, in the same order; null for each that does not exist.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids")
            .ResolveAsync(async c =>
            {
                // Every id is decoded (and refused) before anything is read; then each type is one batch.
                var decoded = c.GetArgument<List<string>>("ids").Select(GlobalId.Decode).ToList();
                var pending = decoded.Select(id => Load(c, id)).ToList();
                var nodes = new List<object?>(pending.Count);
                foreach (var result in pending) nodes.Add(await result.GetResultAsync(c.CancellationToken));
                return nodes;
            });
    }

    private static IDataLoaderResult Load(IResolveFieldContext c, (string Type, int Key) id)
    {
        var loaders = c.Loaders();
        return id.Type switch
        {
            "Client" => loaders.Clients.Load(id.Key),
            "Subscription" => loaders.Subscriptions.Load(id.Key),
            "Invoice" => loaders.Invoices.Load(id.Key),
            "Payment" => loaders.Payments.Load(id.Key),
            "Plan" => loaders.Plans.Load(id.Key),
            "Router" => loaders.Routers.Load(id.Key),
            _ when Visible(c, id.Key) => loaders.Users.Load(id.Key),
            _ => new Deferred<object?>(_ => Task.FromResult<object?>(null)),
        };
    }

    /// <summary>Users other than the caller are visible to administrators only; anyone else gets null for them.</summary>
    private static bool Visible(IResolveFieldContext c, int userId) =>
        c.User?.UserId() == userId || c.User?.IsInRole(Claims.Admin) == true;
}

using GraphQL.Types;
using MikroNet.Features.Graph.Loading;
using MikroNet.Features.Graph.Paging;

namespace MikroNet.Features.Graph.Types;

public abstract class ConnectionType<TNodeType, TNode, TEdgeType> : ObjectGraphType<Connection<TNode>>
    where TNodeType : IGraphType where TEdgeType : IGraphType
{
    protected ConnectionType(string name)
    {
        Name = name;
        Description = "A page of a list (Relay cursor connection).";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TEdgeType>>>>("edges").Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes").Resolve(c => c.Source.Nodes);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => c.Source.PageInfo);
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description("All items matching `where`, on every page.")
            .Resolve(c => c.Source.TotalCount());
    }
}

public abstract class EdgeType<TNodeType, TNode> : ObjectGraphType<Edge<TNode>> where TNodeType : IGraphType
{
    protected EdgeType(string name)
    {
        Name = name;
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<TNodeType>>("node").Resolve(c => c.Source.Node);
    }
}

public sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Resolve(c => c.Source.HasNextPage);
        Field<NonNullGraphType<BooleanGraphType>>("hasPreviousPage").Resolve(c => c.Source.HasPreviousPage);
        Field<StringGraphType>("startCursor").Resolve(c => c.Source.StartCursor);
        Field<StringGraphType>("endCursor").Resolve(c => c.Source.EndCursor);
    }
}

public sealed class ClientsConnectionType() : ConnectionType<ClientType, ClientRow, ClientsEdgeType>("ClientsConnection");

public sealed class ClientsEdgeType() : EdgeType<ClientType, ClientRow>("ClientsEdge");

public sealed class InvoicesConnectionType() : ConnectionType<InvoiceType, InvoiceRow, InvoicesEdgeType>("InvoicesConnection");

public sealed class InvoicesEdgeType() : EdgeType<InvoiceType, InvoiceRow>("InvoicesEdge");

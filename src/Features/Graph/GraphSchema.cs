using GraphQL;
using GraphQL.Types;
using MikroNet.Features.Graph.Types;
using Microsoft.Extensions.DependencyInjection;

namespace MikroNet.Features.Graph;

/// <summary>The read side: queries and subscriptions; changes go through REST.</summary>
public sealed class GraphSchema : Schema
{
    public GraphSchema(IServiceProvider services) : base(services)
    {
        Query = services.GetRequiredService<QueryType>();
        Subscription = services.GetRequiredService<Live.SubscriptionRootType>();
        // IDEs introspect the whole schema on load; that reads no data, so it must not count against MaxComplexity.
        this.WithIntrospectionComplexityImpact(0);
    }
}

using GraphQL;
using GraphQL.Types;
using MikroNet.Features.Graph.Loading;
using MikroNet.Features.Graph.Types;

namespace MikroNet.Features.Graph.Live;

/// <summary>
/// The subscription root, served over WebSocket (graphql-transport-ws, <see cref="GraphSocket"/>). Named
/// SubscriptionRoot because `Subscription` is the type of a client's service period. Each event runs the
/// subscriber's selection set with the changed row as the root value, in a scope of its own.
/// </summary>
public sealed class SubscriptionRootType : ObjectGraphType
{
    public SubscriptionRootType()
    {
        Name = "SubscriptionRoot";
        Description = "Live updates over WebSocket (graphql-transport-ws at /graphql); events come from every host.";

        Field<ClientType>("clientChanged")
            .Description("The client as it is now, after each change: status, provisioning state (SYNCED once the router applied it), details.")
            .Argument<NonNullGraphType<IntGraphType>>("clientId")
            .Resolve(c => Event<ClientRow>(c, LiveTopic.Client(c.GetArgument<int>("clientId"))))
            .ResolveStream(NoStream);

        Field<InvoiceType>("invoiceChanged")
            .Description("An invoice of the client as it is now, after it was raised, paid (in part), marked overdue or voided.")
            .Argument<NonNullGraphType<IntGraphType>>("clientId")
            .Resolve(c => Event<InvoiceRow>(c, LiveTopic.Invoice(c.GetArgument<int>("clientId"))))
            .ResolveStream(NoStream);

        Field<PaymentType>("paymentRecorded")
            .Description("A payment recorded (or refunded) for any client, or for the given one.")
            .Argument<IntGraphType>("clientId")
            .Resolve(c => Event<PaymentRow>(c, LiveTopic.Payment(c.GetArgument<int?>("clientId"))))
            .ResolveStream(NoStream);
    }

    /// <summary>
    /// GraphQL.NET's schema validation wants a stream resolver on every subscription field; it is never called,
    /// because subscription operations run with the query strategy, once per event (see GraphExtensions).
    /// </summary>
    private static IObservable<object?> NoStream(IResolveFieldContext context) =>
        throw new InvalidOperationException("Subscriptions are rendered per event by GraphSocket.");

    /// <summary>
    /// The event's row. While subscribing (root: a <see cref="SubscribeProbe"/>) the topic is noted and the answer is
    /// null, so nothing below runs; the fields are nullable for that reason only: an event always has its row.
    /// </summary>
    private static object? Event<TRow>(IResolveFieldContext context, LiveTopic topic)
    {
        if (context.RootValue is SubscribeProbe probe) probe.Topic = topic;
        return context.RootValue is TRow row ? row : null;
    }
}

/// <summary>
/// The root value of the execution that validates a subscribe message: the root field records its topic (with its
/// arguments coerced as GraphQL.NET does) and answers null.
/// </summary>
public sealed class SubscribeProbe
{
    public LiveTopic? Topic { get; set; }
}

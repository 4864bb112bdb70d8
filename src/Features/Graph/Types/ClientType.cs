using GraphQL;
using GraphQL.Types;
using MikroNet.Features.Graph.Filtering;
using MikroNet.Features.Graph.Loading;
using MikroNet.Features.Graph.Paging;
using MikroNet.Features.Graph.Scalars;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using MikroNet.Features.Graph.Nodes;

namespace MikroNet.Features.Graph.Types;

public sealed class ClientType : ObjectGraphType<ClientRow>
{
    public ClientType()
    {
        Name = "Client";
        Description = "A customer with a PPPoE login (PPP secret) on one router.";
        Interface<NodeInterface>();
        IsTypeOf = o => o is ClientRow;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode("Client", c.Source.ClientId));
        Field<NonNullGraphType<IntGraphType>>("clientId").Resolve(c => c.Source.ClientId);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("phoneNumber").Resolve(c => c.Source.PhoneNumber);
        Field<NonNullGraphType<StringGraphType>>("address").Resolve(c => c.Source.Address);
        Field<NonNullGraphType<StringGraphType>>("pppSecretName").Resolve(c => c.Source.PppSecretName);
        Field<NonNullGraphType<ClientStatusType>>("status").Resolve(c => c.Source.State);
        Field<InstantGraphType>("isolatedAt").Description("When billing isolated the client; null when not isolated.")
            .Resolve(c => c.Source.IsolatedAt);
        Field<NonNullGraphType<InstantGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<ProvisioningType>>("provisioning").Resolve(c => c.Source);
        Field<RouterType>("router").Resolve(c => c.Source.RouterId is { } id ? c.Loaders().Routers.Load(id) : null);
        Field<PlanType>("plan").Description("The plan the next period renews on.")
            .Resolve(c => c.Source.PlanId is { } id ? c.Loaders().Plans.Load(id) : null);
        // Complexity: a client has about a year of monthly periods, each with one invoice and a few payments.
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SubscriptionType>>>>("subscriptions")
            .Description("Periods of service, filtered by `where`, sorted by `order` (default: oldest first) then subscriptionId.")
            .Argument<SubscriptionFilterInput>("where")
            .Argument<ListGraphType<NonNullGraphType<SubscriptionSortInput>>>("order")
            .Resolve(c => c.Loaders().SubscriptionsByClient(ListArguments.From(c)).Load(c.Source.ClientId))
            .FieldType.WithComplexityImpact(1, 12);
        Field<NonNullGraphType<DecimalGraphType>>("creditBalance")
            .Description("Money the provider owes the client (credit notes, overpayments); the next invoices the billing run raises use it, oldest first.")
            .Resolve(c => c.Source.CreditBalance);
        Field<NonNullGraphType<InvoicesConnectionType>>("invoices")
            .Description("The client's invoices across its periods, filtered by `where`, sorted by `order` (default: invoiceDate) then invoiceId, one page.")
            .Argument<InvoiceFilterInput>("where")
            .Argument<ListGraphType<NonNullGraphType<InvoiceSortInput>>>("order")
            .Argument<IntGraphType>("first", "Items from the start (or after `after`).")
            .Argument<StringGraphType>("after")
            .Argument<IntGraphType>("last", "Items from the end (or before `before`).")
            .Argument<StringGraphType>("before")
            .Resolve(c =>
            {
                var args = ListArguments.From(c);
                var window = PageWindow.From(args.Page, c.RequestServices!.GetRequiredService<IOptions<GraphOptions>>().Value);
                return c.Loaders().InvoicesByClient(args, window).Load(c.Source.ClientId);
            });
        Field<StringGraphType>("email").Description("Where e-mail messages go.")
            .Resolve(c => Contact(c, r => r?.Email));
        Field<ListGraphType<NonNullGraphType<NotificationChannelType>>>("notificationChannels")
            .Description("The channels the client chose; null = the configured default.")
            .Resolve(c => Contact(c, r => r?.Channels?.Select(Notifications.Channels.Parse).ToList()));
        Field<NonNullGraphType<BooleanGraphType>>("notificationsOptOut")
            .Resolve(c => Contact(c, r => r?.OptOut ?? false));
        // Complexity: about five messages a month on two channels.
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NotificationType>>>>("notifications")
            .Description("Messages to the client, newest first (the latest 500).")
            .Resolve(c => c.Notifications().ByClient.Load(c.Source.ClientId))
            .FieldType.WithComplexityImpact(1, 10);
        Field<NonNullGraphType<DecimalGraphType>>("outstandingBalance")
            .Description("Open balance of the client's invoices that are neither paid nor void.")
            .Resolve(c => c.Loaders().OutstandingByClient.Load(c.Source.ClientId));
    }

    private static MappedResult<ContactRow?, T> Contact<T>(IResolveFieldContext<ClientRow> c, Func<ContactRow?, T> field) =>
        new(c.Notifications().Contacts.Load(c.Source.ClientId), field);
}

public sealed class ProvisioningType : ObjectGraphType<ClientRow>
{
    public ProvisioningType()
    {
        Name = "Provisioning";
        Description = "Whether the client's PPP secret on the router matches the database.";
        Field<NonNullGraphType<ProvisioningStateType>>("state").Resolve(c => c.Source.ProvisioningState);
        Field<StringGraphType>("lastError").Resolve(c => c.Source.ProvisioningError);
    }
}

internal static class LoaderAccess
{
    public static GraphLoaders Loaders(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<GraphLoaders>();
}

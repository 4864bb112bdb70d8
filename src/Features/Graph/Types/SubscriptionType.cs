using GraphQL;
using GraphQL.Types;
using MikroNet.Features.Graph.Filtering;
using MikroNet.Features.Graph.Loading;
using MikroNet.Features.Graph.Scalars;

using MikroNet.Features.Graph.Nodes;

namespace MikroNet.Features.Graph.Types;

public sealed class SubscriptionType : ObjectGraphType<SubscriptionRow>
{
    public SubscriptionType()
    {
        Name = "Subscription";
        Description = "One period of service on one plan; both dates inclusive.";
        Interface<NodeInterface>();
        IsTypeOf = o => o is SubscriptionRow;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode("Subscription", c.Source.SubscriptionId));
        Field<NonNullGraphType<IntGraphType>>("subscriptionId").Resolve(c => c.Source.SubscriptionId);
        Field<NonNullGraphType<LocalDateGraphType>>("startDate").Resolve(c => c.Source.StartDate);
        Field<NonNullGraphType<LocalDateGraphType>>("endDate").Resolve(c => c.Source.EndDate);
        Field<NonNullGraphType<DecimalGraphType>>("price").Resolve(c => c.Source.Price);
        Field<NonNullGraphType<SubscriptionStatusType>>("status").Resolve(c => c.Source.Status);
        Field<PlanType>("plan").Resolve(c => c.Loaders().Plans.Load(c.Source.PlanId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InvoiceType>>>>("invoices")
            .Description("Invoices of this period, filtered by `where`, sorted by `order` (default: invoiceDate) then invoiceId.")
            .Argument<InvoiceFilterInput>("where")
            .Argument<ListGraphType<NonNullGraphType<InvoiceSortInput>>>("order")
            .Resolve(c => c.Loaders().InvoicesBySubscription(ListArguments.From(c)).Load(c.Source.SubscriptionId))
            .FieldType.WithComplexityImpact(1, 1);
    }
}

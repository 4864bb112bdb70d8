using GraphQL.Types;
using MikroNet.Features.Graph.Loading;
using MikroNet.Features.Graph.Scalars;

namespace MikroNet.Features.Graph.Types;

public sealed class PaymentLinkType : ObjectGraphType<PaymentLinkRow>
{
    public PaymentLinkType()
    {
        Name = "PaymentLink";
        Field<NonNullGraphType<StringGraphType>>("gateway").Description("midtrans or xendit").Resolve(c => c.Source.Gateway);
        Field<NonNullGraphType<StringGraphType>>("url").Description("The hosted payment page to send the customer to")
            .Resolve(c => c.Source.Url);
        Field<NonNullGraphType<PaymentLinkStatusType>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<DecimalGraphType>>("amount").Resolve(c => c.Source.Amount);
        Field<NonNullGraphType<InstantGraphType>>("expiresAt").Resolve(c => c.Source.ExpiresAt);
    }
}

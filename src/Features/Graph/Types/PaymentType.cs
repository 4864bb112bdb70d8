using GraphQL.Types;
using MikroNet.Features.Graph.Loading;
using MikroNet.Features.Graph.Scalars;

using MikroNet.Features.Graph.Nodes;

namespace MikroNet.Features.Graph.Types;

public sealed class PaymentType : ObjectGraphType<PaymentRow>
{
    public PaymentType()
    {
        Name = "Payment";
        Interface<NodeInterface>();
        IsTypeOf = o => o is PaymentRow;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode("Payment", c.Source.PaymentId));
        Field<NonNullGraphType<IntGraphType>>("paymentId").Resolve(c => c.Source.PaymentId);
        Field<NonNullGraphType<DecimalGraphType>>("amount").Resolve(c => c.Source.Amount);
        Field<NonNullGraphType<LocalDateGraphType>>("paymentDate").Resolve(c => c.Source.PaymentDate);
        Field<NonNullGraphType<PaymentMethodType>>("paymentMethod").Resolve(c => c.Source.PaymentMethod);
        Field<NonNullGraphType<PaymentStatusType>>("paymentStatus").Resolve(c => c.Source.Status);
        Field<StringGraphType>("reference").Resolve(c => c.Source.Reference);
    }
}

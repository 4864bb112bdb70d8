using GraphQL.Types;
using MikroNet.Features.Graph.Scalars;
using MikroNet.Features.Graph.Types;

namespace MikroNet.Features.Graph.Filtering;

/// <summary>The operations on one field, named as HotChocolate.Data names them (eq, neq, in, nin, gt, …).</summary>
public abstract class OperationFilterInput<TScalar> : InputObjectGraphType where TScalar : GraphType
{
    protected OperationFilterInput(string name, bool comparable = false, bool text = false)
    {
        Name = name;
        Field<TScalar>("eq");
        Field<TScalar>("neq");
        Field<ListGraphType<TScalar>>("in");
        Field<ListGraphType<TScalar>>("nin");
        if (comparable)
        {
            Field<TScalar>("gt");
            Field<TScalar>("gte");
            Field<TScalar>("lt");
            Field<TScalar>("lte");
        }
        if (text)
        {
            Field<TScalar>("contains");
            Field<TScalar>("ncontains");
            Field<TScalar>("startsWith");
            Field<TScalar>("nstartsWith");
            Field<TScalar>("endsWith");
            Field<TScalar>("nendsWith");
        }
    }
}

public sealed class StringOperationFilterInput() : OperationFilterInput<StringGraphType>("StringOperationFilterInput", text: true);

public sealed class IntOperationFilterInput() : OperationFilterInput<IntGraphType>("IntOperationFilterInput", comparable: true);

public sealed class DecimalOperationFilterInput() : OperationFilterInput<DecimalGraphType>("DecimalOperationFilterInput", comparable: true);

public sealed class LocalDateOperationFilterInput() : OperationFilterInput<LocalDateGraphType>("LocalDateOperationFilterInput", comparable: true);

public sealed class InstantOperationFilterInput() : OperationFilterInput<InstantGraphType>("InstantOperationFilterInput", comparable: true);

public sealed class ClientStatusOperationFilterInput() : OperationFilterInput<ClientStatusType>("ClientStatusOperationFilterInput");

public sealed class InvoiceStatusOperationFilterInput() : OperationFilterInput<InvoiceStatusType>("InvoiceStatusOperationFilterInput");

public sealed class SubscriptionStatusOperationFilterInput()
    : OperationFilterInput<SubscriptionStatusType>("SubscriptionStatusOperationFilterInput");

public sealed class PaymentMethodOperationFilterInput() : OperationFilterInput<PaymentMethodType>("PaymentMethodOperationFilterInput");

public sealed class PaymentStatusOperationFilterInput() : OperationFilterInput<PaymentStatusType>("PaymentStatusOperationFilterInput");

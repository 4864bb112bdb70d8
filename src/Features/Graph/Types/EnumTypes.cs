using GraphQL.Types;
using MikroNet.Features.Graph.Loading;
using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Graph.Types;

public sealed class ClientStatusType : EnumerationGraphType<ClientState>
{
    public ClientStatusType()
    {
        Name = "ClientStatus";
        Description = "ISOLATED while billing has cut the client off for an overdue invoice; otherwise the operator's switch.";
    }
}

public sealed class ProvisioningStateType : EnumerationGraphType<ProvisioningState>
{
    public ProvisioningStateType() => Name = "ProvisioningState";
}

public sealed class SubscriptionStatusType : EnumerationGraphType<SubscriptionStatus>
{
    public SubscriptionStatusType() => Name = "SubscriptionStatus";
}

public sealed class InvoiceStatusType : EnumerationGraphType<InvoiceStatus>
{
    public InvoiceStatusType() => Name = "InvoiceStatus";
}

public sealed class InvoiceLineKindType : EnumerationGraphType<InvoiceLineKind>
{
    public InvoiceLineKindType() => Name = "InvoiceLineKind";
}

public sealed class PaymentMethodType : EnumerationGraphType<PaymentMethod>
{
    public PaymentMethodType() => Name = "PaymentMethod";
}

public sealed class PaymentStatusType : EnumerationGraphType<PaymentStatus>
{
    public PaymentStatusType() => Name = "PaymentStatus";
}

public sealed class UserRoleType : EnumerationGraphType<UserRole>
{
    public UserRoleType() => Name = "UserRole";
}

public sealed class PaymentLinkStatusType : EnumerationGraphType<PaymentLinkStatus>
{
    public PaymentLinkStatusType() => Name = "PaymentLinkStatus";
}

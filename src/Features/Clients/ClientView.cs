using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;
using MikroNet.Features.Common;

namespace MikroNet.Features.Clients;

/// <summary>A client as REST shows it: the seed's fields first, then ours. The PPP password is never shown.</summary>
public sealed record ClientView(int ClientId, string Name, string PhoneNumber, string Address, string PppSecretName,
    int? RouterId, int? PlanId, [property: EnumValues("active", "disabled", "isolated", "cancelled")] string Status, bool AutoRenew, ProvisioningView Provisioning, Instant CreatedAt,
    Instant UpdatedAt, decimal CreditBalance, string? Email, IReadOnlyList<string>? NotificationChannels,
    bool NotificationsOptOut)
{
    public static ClientView From(Client c) =>
        new(c.Id, c.Name, c.PhoneNumber, c.Address, c.PppSecretName, c.RouterId, c.PlanId,
            SnakeCaseEnums.ToSnakeCase(c.State), c.AutoRenew,
            new ProvisioningView(SnakeCaseEnums.ToSnakeCase(c.ProvisioningState), c.ProvisioningError),
            c.CreatedAt, c.UpdatedAt, c.CreditBalance, c.Email, c.NotificationChannels, c.NotificationsOptOut);
}

public sealed record ProvisioningView([property: EnumValues(typeof(ProvisioningState))] string State, string? LastError);

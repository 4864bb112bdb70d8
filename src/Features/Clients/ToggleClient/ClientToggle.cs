using System.Security.Claims;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Clients.ToggleClient;

internal static class ClientToggle
{
    /// <summary>
    /// Sets the operator's switch and queues the router change. Disabling also kicks the live session,
    /// because a disabled secret does not drop a customer who is already connected.
    /// </summary>
    public static void Apply(MikroNetDb db, Client client, ClientStatus status, ClaimsPrincipal user, Instant now)
    {
        client.Status = status;
        client.UpdatedAt = now;
        client.ProvisioningState = ProvisioningState.Pending;
        db.Enqueue(now, client.RouterId!.Value, client, RouterCommandKind.SyncSecret, new { name = client.PppSecretName });
        if (status == ClientStatus.Disabled)
            db.Enqueue(now, client.RouterId.Value, client, RouterCommandKind.KickSession, new { name = client.PppSecretName });
        db.Audit(user, now, status == ClientStatus.Disabled ? "client.disabled" : "client.enabled", "client", client.Id);
    }
}

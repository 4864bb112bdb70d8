using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Provisioning.Outbox;

public static class ClientRouterQueue
{
    /// <summary>
    /// Queues what the client's change since <paramref name="before"/> (null: a new client) means on the routers,
    /// and marks the client pending until the worker has delivered it.
    /// </summary>
    public static void QueueRouterChanges(this MikroNetDb db, Instant now, Client client, ClientRouterState? before)
    {
        var commands = ClientRouterChanges.For(before, ClientRouterState.Of(client));
        foreach (var (routerId, message) in commands) db.Enqueue(now, routerId, client, message);
        if (commands.Count > 0) client.ProvisioningState = ProvisioningState.Pending;
    }
}

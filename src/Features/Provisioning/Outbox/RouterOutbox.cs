using MikroNet.Infrastructure.Outbox;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Provisioning.Outbox;

public static class RouterOutbox
{
    /// <summary>
    /// The one way to queue a router command from C#: adds the row to the unit of work, so the router sees exactly
    /// the changes that committed. <paramref name="client"/> orders the row among that client's commands.
    /// </summary>
    public static void Enqueue(this MikroNetDb db, Instant now, int routerId, Client? client, RouterMessage message) =>
        db.RouterCommands.Add(new RouterCommand
        {
            RouterId = routerId,
            Client = client,
            Kind = message.Kind,
            Payload = RouterMessageJson.Write(message),
            Status = OutboxStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        });
}

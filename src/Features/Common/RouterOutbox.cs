using System.Text.Json;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Common;

public static class RouterOutbox
{
    /// <summary>Adds a router command to the unit of work, so the router sees exactly the changes that committed.</summary>
    public static void Enqueue(this MikroNetDb db, Instant now, int routerId, Client? client, RouterCommandKind kind,
        object payload) =>
        db.RouterCommands.Add(new RouterCommand
        {
            RouterId = routerId,
            Client = client,
            Kind = kind,
            Payload = JsonSerializer.Serialize(payload, JsonSerializerOptions.Web),
            Status = RouterCommandStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        });
}

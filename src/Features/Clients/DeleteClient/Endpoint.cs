using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Features.Provisioning;
using MikroNet.Features.Provisioning.Outbox;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MikroNet.Features.Clients.DeleteClient;

public sealed class Request
{
    public int Id { get; set; }
}

/// <summary>
/// Deletes softly (invoices and payments stay on record) and queues the secret's removal and the kick of
/// its live session: removing a secret alone does not end a connected customer's session.
/// </summary>
public sealed class Endpoint(MikroNetDb db, IClock clock) : Endpoint<Request, MessageOnly>
{
    public override void Configure()
    {
        Delete("/client/delete/{id:int}");
        Summary(s => s.Summary = "Delete a client and remove its PPP secret (the seed's route)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == req.Id, ct);
        if (client is null) ThrowError($"Client {req.Id} was not found.", StatusCodes.Status404NotFound);

        var now = clock.GetCurrentInstant();
        var before = ClientRouterState.Of(client);
        client.DeletedAt = now;
        client.UpdatedAt = now;
        db.QueueRouterChanges(now, client, before);
        db.Audit(User, now, "client.deleted", "client", client.Id, new { client.Name, client.PppSecretName });
        await db.SaveChangesAsync(ct);

        await Send.OkAsync(new MessageOnly("Client deleted successfully"), ct);
    }
}

using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Features.Provisioning;
using MikroNet.Features.Provisioning.Outbox;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MikroNet.Features.Clients.ToggleClient;

/// <summary>
/// Sets the operator's switch and queues the router change (disabling also ends the live session). An isolated
/// client stays isolated: billing's isolation outranks the switch.
/// </summary>
public abstract class ToggleEndpoint(MikroNetDb db, IClock clock, ClientStatus target)
    : Endpoint<Request, Envelope<ClientView>>
{
    private string Verb => target == ClientStatus.Disabled ? "disabled" : "enabled";

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == req.Id, ct);
        if (client is null) ThrowError($"Client {req.Id} was not found.", StatusCodes.Status404NotFound);

        var now = clock.GetCurrentInstant();
        var before = ClientRouterState.Of(client);
        client.Status = target;
        client.UpdatedAt = now;
        db.QueueRouterChanges(now, client, before);
        db.Audit(User, now, $"client.{Verb}", "client", client.Id);
        await db.SaveChangesAsync(ct);

        await Send.OkAsync(new Envelope<ClientView>($"Client {Verb} successfully", ClientView.From(client)), ct);
    }
}

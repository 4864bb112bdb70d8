using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Features.Provisioning.Outbox;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MikroNet.Features.Clients.ToggleClient;

public sealed class Request
{
    public int Id { get; set; }
}

/// <summary>
/// Sets the operator's switch and queues the router change. Disabling also kicks the live session, because a
/// disabled secret does not drop a customer who is already connected. An isolated client stays isolated.
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
        client.Status = target;
        client.UpdatedAt = now;
        client.ProvisioningState = ProvisioningState.Pending;
        db.Enqueue(now, client.RouterId!.Value, client, new SyncSecret(client.PppSecretName));
        if (target == ClientStatus.Disabled)
            db.Enqueue(now, client.RouterId.Value, client, new KickSession(client.PppSecretName));
        db.Audit(User, now, $"client.{Verb}", "client", client.Id);
        await db.SaveChangesAsync(ct);

        await Send.OkAsync(new Envelope<ClientView>($"Client {Verb} successfully", ClientView.From(client)), ct);
    }
}

public sealed class EnableEndpoint(MikroNetDb db, IClock clock) : ToggleEndpoint(db, clock, ClientStatus.Active)
{
    public override void Configure()
    {
        Post("/client/{id:int}/enable");
        Summary(s => s.Summary = "Enable a client's PPP secret (the seed's route); an isolated client stays cut off until it pays");
    }
}

public sealed class DisableEndpoint(MikroNetDb db, IClock clock) : ToggleEndpoint(db, clock, ClientStatus.Disabled)
{
    public override void Configure()
    {
        Post("/client/{id:int}/disable");
        Summary(s => s.Summary = "Disable a client's PPP secret and end its live session (the seed's route)");
    }
}

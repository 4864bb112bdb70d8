using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MikroNet.Features.Clients.ToggleClient;

public sealed class EnableEndpoint(MikroNetDb db, IClock clock) : Endpoint<Request, Envelope<ClientView>>
{
    public override void Configure()
    {
        Post("/client/{id:int}/enable");
        Summary(s => s.Summary = "Enable a client's PPP secret (the seed's route); an isolated client stays isolated until paid");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == req.Id, ct);
        if (client is null) ThrowError($"Client {req.Id} was not found.", StatusCodes.Status404NotFound);
        ClientToggle.Apply(db, client, ClientStatus.Active, User, clock.GetCurrentInstant());
        await db.SaveChangesAsync(ct);
        await Send.OkAsync(new Envelope<ClientView>("Client enabled successfully", ClientView.From(client)), ct);
    }
}

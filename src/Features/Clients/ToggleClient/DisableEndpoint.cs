using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MikroNet.Features.Clients.ToggleClient;

public sealed class DisableEndpoint(MikroNetDb db, IClock clock) : Endpoint<Request, Envelope<ClientView>>
{
    public override void Configure()
    {
        Post("/client/{id:int}/disable");
        Summary(s => s.Summary = "Disable a client's PPP secret and end its live session (the seed's route)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == req.Id, ct);
        if (client is null) ThrowError($"Client {req.Id} was not found.", StatusCodes.Status404NotFound);
        ClientToggle.Apply(db, client, ClientStatus.Disabled, User, clock.GetCurrentInstant());
        await db.SaveChangesAsync(ct);
        await Send.OkAsync(new Envelope<ClientView>("Client disabled successfully", ClientView.From(client)), ct);
    }
}

using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MikroNet.Features.Clients.ListClients;

public sealed class Endpoint(MikroNetDb db) : EndpointWithoutRequest<Envelope<List<ClientView>>>
{
    public override void Configure()
    {
        Get("/client");
        Summary(s => s.Summary = "List clients (the seed's route)");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var clients = await db.Clients.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        await Send.OkAsync(new Envelope<List<ClientView>>("Clients retrieved successfully",
            clients.ConvertAll(ClientView.From)), ct);
    }
}

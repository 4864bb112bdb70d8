using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;

namespace MikroNet.Features.Clients.ListClients;

public sealed class Endpoint(MikroNetDb db) : EndpointWithoutRequest<Envelope<List<ClientView>>>
{
    public override void Configure()
    {
        Get("/client");
        Summary(s => s.Summary = "List clients (the seed's route; every client in one answer: page through GraphQL's clients instead)");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        HttpContext.Response.ContentType = PostgresJson.MediaType;
        await Data.SendAsync(db, HttpContext.Response.BodyWriter, ct);
    }
}

using FastEndpoints;
using MikroNet.Features.Common;
using Microsoft.AspNetCore.Http;
using MikroNet.Infrastructure.Persistence;

namespace MikroNet.Features.Clients.ClientDetails;

public sealed class Endpoint(ReadBatches database) : Endpoint<Request, Envelope<Response>>
{
    public override void Configure()
    {
        Get("/client/{id:int}/details");
        Summary(s => s.Summary = "A client with its subscriptions, their invoices, payments and payment links (the seed's route)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        // PostgreSQL builds the answer (Sql.Details): one statement, and no rows to materialize and serialize here.
        var body = await Data.DetailsAsync(database, req.Id, ct);
        if (body is null) ThrowError($"Client {req.Id} was not found.", StatusCodes.Status404NotFound);
        await PostgresJson.SendCompactAsync(HttpContext.Response, body, ct);
    }
}

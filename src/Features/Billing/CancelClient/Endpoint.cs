using FastEndpoints;
using Microsoft.AspNetCore.Http;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Time;

namespace MikroNet.Features.Billing.CancelClient;

/// <summary>Cancels a client at the end of its period or now; the client stays on record, visible and not billed.</summary>
public sealed class Endpoint(MikroNetDb db, ProviderClock clock, ClientBilling clients, ClientCanceller canceller)
    : Endpoint<Request, Envelope<Response>>
{
    public override void Configure()
    {
        Post("/client/{id:int}/cancel");
        Roles(Common.Roles.Admin);
        Summary(s => s.Summary = "Cancel a client at the end of its period or now (its PPP secret is removed on that day)");
        Description(b => b.Problems(404, 409));
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var client = await clients.LockAsync(req.Id, ct);
        if (client is null) ThrowError($"Client {req.Id} was not found.", StatusCodes.Status404NotFound);
        if (client.CancelOn is { } on)
            ThrowError($"This client is already cancelled (from {on:yyyy-MM-dd}).", StatusCodes.Status409Conflict);

        var answer = await canceller.CancelAsync(client, req.Effective == "now", req.Reason!.Trim(), User, clock.Today,
            clock.Now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await Send.OkAsync(new Envelope<Response>("Client cancelled successfully", answer), ct);
    }
}

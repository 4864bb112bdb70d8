using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MikroNet.Features.Routers.DeleteRouter;

public sealed class Request
{
    public int Id { get; set; }
}

/// <summary>Refused while live clients use the router: their secrets would be orphaned.</summary>
public sealed class Endpoint(MikroNetDb db, IClock clock) : Endpoint<Request, MessageOnly>
{
    public override void Configure()
    {
        Delete("/routers/{id:int}");
        Roles(Common.Roles.Admin);
        Summary(s => s.Summary = "Delete a router that no live client uses");
        Description(b => b.Problems(409));
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var router = await db.Routers.SingleOrDefaultAsync(r => r.Id == req.Id, ct);
        if (router is null) ThrowError($"Router {req.Id} was not found.", StatusCodes.Status404NotFound);
        var clients = await db.Clients.CountAsync(c => c.RouterId == req.Id, ct);
        if (clients > 0)
            ThrowError($"Router {req.Id} still serves {clients} client(s); move or delete them first.",
                StatusCodes.Status409Conflict);

        db.Routers.Remove(router);
        db.Audit(User, clock.GetCurrentInstant(), "router.deleted", "router", router.Id, new { router.Name });
        await db.SaveChangesAsync(ct);
        await Send.OkAsync(new MessageOnly("Router deleted successfully"), ct);
    }
}

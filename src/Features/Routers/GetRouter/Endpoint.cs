using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace MikroNet.Features.Routers.GetRouter;

public sealed class Request
{
    public int Id { get; set; }
}

public sealed class Endpoint(MikroNetDb db) : Endpoint<Request, Envelope<RouterView>>
{
    public override void Configure()
    {
        Get("/routers/{id:int}");
        Summary(s => s.Summary = "One router");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var router = await db.Routers.AsNoTracking().SingleOrDefaultAsync(r => r.Id == req.Id, ct);
        if (router is null) ThrowError($"Router {req.Id} was not found.", StatusCodes.Status404NotFound);
        await Send.OkAsync(new Envelope<RouterView>("Router retrieved successfully", RouterView.From(router)), ct);
    }
}

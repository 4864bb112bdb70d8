using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MikroNet.Features.Routers.ListRouters;

public sealed class Endpoint(MikroNetDb db) : EndpointWithoutRequest<Envelope<List<RouterView>>>
{
    public override void Configure()
    {
        Get("/routers");
        Summary(s => s.Summary = "List routers");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var routers = await db.Routers.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
        await Send.OkAsync(new Envelope<List<RouterView>>("Routers retrieved successfully",
            routers.ConvertAll(RouterView.From)), ct);
    }
}

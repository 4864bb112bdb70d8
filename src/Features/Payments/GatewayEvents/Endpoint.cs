using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;

namespace MikroNet.Features.Payments.GatewayEvents;

/// <summary>Stored gateway notifications, newest first (the latest 200): ?status=rejected is an operator's to-do list.</summary>
public sealed class Endpoint(MikroNetDb db) : Endpoint<Request, Envelope<List<EventView>>>
{
    public const int Limit = 200;

    public override void Configure()
    {
        Get("/payments/gateway-events");
        Roles(Common.Roles.Everyone);
        Description(d => d.Produces<Envelope<List<EventView>>>(200).ProducesProblemDetails(400).ProducesProblemDetails(401)
            .ProducesProblemDetails(403));
        Summary(s => s.Summary = "Gateway notifications as stored, with their verdicts (filter: status, gateway)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var query = db.GatewayEvents.AsNoTracking();
        if (req.Status is not null)
        {
            var verdict = GatewayEvents.Validator.Verdicts[req.Status];
            query = query.Where(e => e.Verdict == verdict);
        }
        if (req.Gateway is not null) query = query.Where(e => e.Gateway == req.Gateway);
        var events = await query.OrderByDescending(e => e.Id).Take(Limit).ToListAsync(ct);
        await Send.OkAsync(new Envelope<List<EventView>>("Gateway events retrieved successfully",
            events.Select(EventView.From).ToList()), ct);
    }
}

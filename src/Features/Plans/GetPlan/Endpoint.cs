using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace MikroNet.Features.Plans.GetPlan;

public sealed class Request
{
    public int Id { get; set; }
}

public sealed class Endpoint(MikroNetDb db) : Endpoint<Request, Envelope<PlanView>>
{
    public override void Configure()
    {
        Get("/plans/{id:int}");
        Summary(s => s.Summary = "One plan");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == req.Id, ct);
        if (plan is null) ThrowError($"Plan {req.Id} was not found.", StatusCodes.Status404NotFound);
        await Send.OkAsync(new Envelope<PlanView>("Plan retrieved successfully", PlanView.From(plan)), ct);
    }
}

using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MikroNet.Features.Plans.ListPlans;

public sealed class Endpoint(MikroNetDb db) : EndpointWithoutRequest<Envelope<List<PlanView>>>
{
    public override void Configure()
    {
        Get("/plans");
        Summary(s => s.Summary = "List plans");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var plans = await db.Plans.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
        await Send.OkAsync(new Envelope<List<PlanView>>("Plans retrieved successfully", plans.ConvertAll(PlanView.From)), ct);
    }
}

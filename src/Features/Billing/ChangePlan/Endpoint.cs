using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Time;

namespace MikroNet.Features.Billing.ChangePlan;

/// <summary>Moves a billed client to another plan now (prorated) or from its next period.</summary>
public sealed class Endpoint(MikroNetDb db, ProviderClock clock, ClientBilling clients, PlanChanger changer)
    : Endpoint<Request, Envelope<Response>>
{
    public override void Configure()
    {
        Put("/client/{id:int}/plan");
        Roles(Common.Roles.Admin);
        Summary(s => s.Summary = "Change a client's plan now (profile pushed, the rest of the period prorated) or from the next period");
        Description(b => b.Problems(404, 409, 422));
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var client = await clients.LockAsync(req.Id, ct);
        if (client is null) ThrowError($"Client {req.Id} was not found.", StatusCodes.Status404NotFound);
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == req.PlanId, ct);
        if (plan is null)
            ThrowError(r => r.PlanId!, $"Plan {req.PlanId} does not exist.", StatusCodes.Status422UnprocessableEntity);
        var now = req.Effective == "now";
        if (await clients.RefusalToChangePlanAsync(client, plan, now, ct) is { } refusal)
            ThrowError(refusal, StatusCodes.Status409Conflict);

        var answer = await changer.ChangeAsync(client, plan, now, User, clock.Today, clock.Now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await Send.OkAsync(new Envelope<Response>("Plan changed successfully", answer), ct);
    }
}

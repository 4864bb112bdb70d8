using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MikroNet.Features.Plans.CreatePlan;

/// <summary>Creates a plan and queues its PPP profile for every router in the same transaction.</summary>
public sealed class Endpoint(MikroNetDb db, IClock clock) : Endpoint<Request, Envelope<PlanView>>
{
    public override void Configure()
    {
        Post("/plans");
        Roles(Common.Roles.Admin);
        Summary(s => s.Summary = "Create a plan (price, period in months, PPP profile and rate limit)");
        Description(b => b.Created<Envelope<PlanView>>().Problems(409));
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var name = req.Name!.Trim();
        if (await db.Plans.AnyAsync(p => p.Name == name, ct))
            ThrowError(r => r.Name!, "A plan with this name exists.", StatusCodes.Status409Conflict);

        var now = clock.GetCurrentInstant();
        var plan = new Plan
        {
            Name = name,
            Price = req.Price!.Value,
            PeriodMonths = req.PeriodMonths!.Value,
            PppProfile = req.PppProfile!,
            RateLimit = req.RateLimit,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await db.Plans.AddAsync(plan, ct);
        await PlanRules.EnsureOnRoutersAsync(db, plan, now, ct);
        db.Audit(User, now, "plan.created", "plan", plan.Id, PlanView.From(plan));
        await db.SaveChangesAsync(ct);

        await Send.ResponseAsync(new Envelope<PlanView>("Plan created successfully", PlanView.From(plan)),
            StatusCodes.Status201Created, ct);
    }
}

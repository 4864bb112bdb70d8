using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Features.Provisioning;
using MikroNet.Features.Provisioning.Outbox;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MikroNet.Features.Plans.UpdatePlan;

/// <summary>
/// Changes a plan. A new price applies from the next period raised; a changed profile or rate limit is queued
/// for every router, and the plan's clients' secrets are re-synced when the profile name changes. The period
/// length is fixed once a subscription uses the plan, because periods are counted from the client's anchor in
/// the plan's months.
/// </summary>
public sealed class Endpoint(MikroNetDb db, IClock clock) : Endpoint<Request, Envelope<PlanView>>
{
    public override void Configure()
    {
        Put("/plans/{id:int}");
        Roles(Common.Roles.Admin);
        Summary(s => s.Summary = "Change a plan");
        Description(b => b.Problems(409));
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == req.Id, ct);
        if (plan is null) ThrowError($"Plan {req.Id} was not found.", StatusCodes.Status404NotFound);
        var name = req.Name?.Trim();
        if (name is not null && await db.Plans.AnyAsync(p => p.Name == name && p.Id != req.Id, ct))
            ThrowError(r => r.Name!, "A plan with this name exists.", StatusCodes.Status409Conflict);
        if (req.PeriodMonths is { } months && months != plan.PeriodMonths
            && (await db.Subscriptions.AnyAsync(s => s.PlanId == plan.Id, ct)
                || await db.Clients.AnyAsync(c => c.PlanId == plan.Id, ct)))
            ThrowError(r => r.PeriodMonths!, "The period length of a plan in use cannot change; create a new plan.",
                StatusCodes.Status409Conflict);

        var profileChanged = req.PppProfile is not null && req.PppProfile != plan.PppProfile;
        var routerSideChanged = profileChanged
            || (req.RateLimit is not null && NullIfEmpty(req.RateLimit) != plan.RateLimit);
        plan.Name = name ?? plan.Name;
        plan.Price = req.Price ?? plan.Price;
        plan.PeriodMonths = req.PeriodMonths ?? plan.PeriodMonths;
        plan.PppProfile = req.PppProfile ?? plan.PppProfile;
        if (req.RateLimit is not null) plan.RateLimit = NullIfEmpty(req.RateLimit);
        plan.UpdatedAt = clock.GetCurrentInstant();
        if (routerSideChanged) await PlanRules.EnsureOnRoutersAsync(db, plan, plan.UpdatedAt, ct);
        if (profileChanged) await ResyncSecretsAsync(plan.Id, plan.UpdatedAt, ct);
        db.AuditUpdate(User, plan.UpdatedAt, "plan.updated", "plan", plan);
        await db.SaveChangesAsync(ct);

        await Send.OkAsync(new Envelope<PlanView>("Plan updated successfully", PlanView.From(plan)), ct);
    }

    /// <summary>A secret names its profile, so the plan's clients must be moved to the new one.</summary>
    private async Task ResyncSecretsAsync(int planId, Instant now, CancellationToken ct)
    {
        var clients = await db.Clients.Where(c => c.PlanId == planId && c.RouterId != null).ToListAsync(ct);
        foreach (var client in clients) db.QueueRouterChanges(now, client, ClientRouterState.Of(client));
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}

using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Features.Provisioning;
using MikroNet.Features.Provisioning.Outbox;
using MikroNet.Features.Routers;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Infrastructure.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MikroNet.Features.Clients.UpdateClient;

public sealed class Endpoint(MikroNetDb db, SecretProtector secrets, IClock clock)
    : Endpoint<Request, Envelope<ClientView>>
{
    public override void Configure()
    {
        Put("/client/update/{id:int}");
        Summary(s => s.Summary = "Change a client; a new secret name or router moves the PPP secret (the seed's route)");
        Description(b => b.Problems(409, 422));
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == req.Id, ct);
        if (client is null) ThrowError($"Client {req.Id} was not found.", StatusCodes.Status404NotFound);

        var routerId = req.RouterId ?? client.RouterId!.Value;
        var secretName = req.PppSecretName ?? client.PppSecretName;
        var router = await db.Routers.AsNoTracking().SingleOrDefaultAsync(r => r.Id == routerId, ct);
        if (router is null)
            ThrowError(r => r.RouterId!, $"Router {req.RouterId} does not exist.", StatusCodes.Status422UnprocessableEntity);
        CheckStorable(router, secretName, req.PppPassword
            ?? (routerId != client.RouterId ? secrets.Unprotect(client.PppPasswordProtected) : null));
        if (req.PlanId is not null && req.PlanId != client.PlanId) await CheckPlanChangeAsync(client, req.PlanId.Value, ct);
        if (await db.Clients.AnyAsync(c => c.Id != client.Id && c.RouterId == routerId && c.PppSecretName == secretName, ct))
            ThrowError(r => r.PppSecretName!, "This PPP secret name is already used on this router.",
                StatusCodes.Status409Conflict);

        var now = clock.GetCurrentInstant();
        var before = ClientRouterState.Of(client);
        client.Name = req.Name?.Trim() ?? client.Name;
        client.PhoneNumber = req.PhoneNumber is null ? client.PhoneNumber : ClientRules.NormalizePhone(req.PhoneNumber);
        client.Address = req.Address?.Trim() ?? client.Address;
        client.PppSecretName = secretName;
        client.RouterId = routerId;
        client.PlanId = req.PlanId ?? client.PlanId;
        client.AutoRenew = req.AutoRenew ?? client.AutoRenew;
        client.Email = req.Email is null ? client.Email : ClientRules.NormalizeEmail(req.Email);
        client.NotificationChannels = req.NotificationChannels?.ToArray() ?? client.NotificationChannels;
        client.NotificationsOptOut = req.NotificationsOptOut ?? client.NotificationsOptOut;
        if (req.PppPassword is not null) client.PppPasswordProtected = secrets.Protect(req.PppPassword);
        client.UpdatedAt = now;
        db.QueueRouterChanges(now, client, before);
        db.AuditUpdate(User, now, "client.updated", "client", client);
        await db.SaveChangesAsync(ct);

        await Send.OkAsync(new Envelope<ClientView>("Client updated successfully", ClientView.From(client)), ct);
    }

    /// <summary>The target router must hold the name and password exactly; a moved client's kept password is checked too.</summary>
    private void CheckStorable(Router router, string secretName, string? password)
    {
        if (!StorableText.Fits(router, secretName))
            AddError(r => r.PppSecretName!, StorableText.Refusal("ppp_secret_name", router));
        if (password is not null && !StorableText.Fits(router, password))
            AddError(r => r.PppPassword!, StorableText.Refusal("ppp_password", router));
        ThrowIfAnyErrors();
    }

    /// <summary>Periods are counted from the anchor in the plan's months, so a billed client keeps its period length.</summary>
    private async Task CheckPlanChangeAsync(Client client, int planId, CancellationToken ct)
    {
        var months = await db.Plans.Where(p => p.Id == planId).Select(p => (int?)p.PeriodMonths).SingleOrDefaultAsync(ct);
        if (months is null)
            ThrowError(r => r.PlanId!, $"Plan {planId} does not exist.", StatusCodes.Status422UnprocessableEntity);
        var current = await db.Plans.Where(p => p.Id == client.PlanId).Select(p => (int?)p.PeriodMonths).SingleOrDefaultAsync(ct);
        if (client.AnchorDate is not null && current is not null && current != months)
            ThrowError(r => r.PlanId!, $"The client is billed every {current} month(s) from its anchor date; " +
                $"plan {planId} has {months}-month periods.", StatusCodes.Status409Conflict);
    }
}

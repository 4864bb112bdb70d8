using MikroNet.Features.Notifications.Queue;
using FastEndpoints;
using MikroNet.Features.Billing;
using MikroNet.Features.Billing.Charges;
using MikroNet.Features.Common;
using MikroNet.Features.Provisioning;
using MikroNet.Features.Provisioning.Outbox;
using MikroNet.Features.Routers;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Infrastructure.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MikroNet.Infrastructure.Time;
using NodaTime;

namespace MikroNet.Features.Clients.RegisterClient;

/// <summary>
/// Creates the client and queues its PPP secret for the router in the same transaction; with a plan, also the
/// first subscription period and its invoice.
/// </summary>
public sealed class Endpoint(MikroNetDb db, SecretProtector secrets, IClock clock, ProviderClock providerClock,
    IOptions<BillingOptions> billing, ChargeBook charges, Notifier notifier) : Endpoint<Request, Envelope<ClientView>>
{
    public override void Configure()
    {
        Post("/client/register");
        Summary(s => s.Summary = "Register a client and provision its PPP secret (the seed's route)");
        Description(b => b.Created<Envelope<ClientView>>().Problems(409, 422));
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        if (req.StartDate is { } start && BillingDates.StartDateProblem(start, providerClock.Today) is { } problem)
            ThrowError(r => r.StartDate!, problem, StatusCodes.Status422UnprocessableEntity);
        if (req.InstallationFee is { } fee && !Money.Fits(fee, billing.Value.MinorUnits))
            ThrowError(r => r.InstallationFee!, Money.Refusal(billing.Value.MinorUnits), StatusCodes.Status422UnprocessableEntity);
        var router = await db.Routers.AsNoTracking().SingleOrDefaultAsync(r => r.Id == req.RouterId, ct);
        if (router is null)
            ThrowError(r => r.RouterId!, $"Router {req.RouterId} does not exist.", StatusCodes.Status422UnprocessableEntity);
        if (!StorableText.Fits(router, req.PppSecretName!))
            AddError(r => r.PppSecretName!, StorableText.Refusal("ppp_secret_name", router));
        if (!StorableText.Fits(router, req.PppPassword!))
            AddError(r => r.PppPassword!, StorableText.Refusal("ppp_password", router));
        ThrowIfAnyErrors();
        var plan = req.PlanId is null ? null : await db.Plans.SingleOrDefaultAsync(p => p.Id == req.PlanId, ct);
        if (req.PlanId is not null && plan is null)
            ThrowError(r => r.PlanId!, $"Plan {req.PlanId} does not exist.", StatusCodes.Status422UnprocessableEntity);
        if (await db.Clients.AnyAsync(c => c.RouterId == req.RouterId && c.PppSecretName == req.PppSecretName, ct))
            ThrowError(r => r.PppSecretName!, "This PPP secret name is already used on this router.",
                StatusCodes.Status409Conflict);

        // The invoice number counter is bumped by a statement of its own: it must roll back with a failed insert.
        await using var tx = plan is null ? null : await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetCurrentInstant();
        var client = new Client
        {
            Name = req.Name!.Trim(),
            PhoneNumber = ClientRules.NormalizePhone(req.PhoneNumber!),
            Address = req.Address!.Trim(),
            PppSecretName = req.PppSecretName!,
            PppPasswordProtected = secrets.Protect(req.PppPassword!),
            RouterId = req.RouterId,
            PlanId = req.PlanId,
            Status = ClientStatus.Active,
            AutoRenew = req.AutoRenew ?? true,
            Email = ClientRules.NormalizeEmail(req.Email),
            NotificationChannels = req.NotificationChannels?.ToArray(),
            NotificationsOptOut = req.NotificationsOptOut ?? false,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await db.Clients.AddAsync(client, ct);
        db.QueueRouterChanges(now, client, before: null);
        var today = providerClock.Today;
        var installation = req.InstallationFee is { } amount
            ? charges.Add(client.Id, ChargeKind.Charge, "Installation", amount, taxable: true, User, now)
            : null;
        var first = plan is null ? null
            : await FirstPeriod.AddAsync(db, notifier, client, plan, req.StartDate ?? today, today, billing.Value, now, ct,
                installation);
        db.Audit(User, now, "client.registered", "client", client.Id,
            new { client.Name, client.PppSecretName, client.RouterId });
        await db.SaveChangesAsync(ct);
        if (first is not null) await FirstPeriod.TaxAsync(db, first.Invoices[0], billing.Value, now, ct);
        if (tx is not null) await tx.CommitAsync(ct);

        await Send.ResponseAsync(new Envelope<ClientView>("Client registered successfully", ClientView.From(client)),
            StatusCodes.Status201Created, ct);
    }
}

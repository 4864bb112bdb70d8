using System.Text.Json;
using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using MikroNet.Features.Billing.Charges;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Infrastructure.Time;
using InvoiceView = MikroNet.Features.Billing.RecordPayment.InvoiceView;

namespace MikroNet.Features.Billing.AddCharge;

/// <summary>A one-off charge: a line on the client's next invoice, or (invoice_now) an invoice of its own at once.</summary>
public sealed class Endpoint(MikroNetDb db, ProviderClock clock, IOptions<BillingOptions> billing, ChargeBook charges,
    ClientBilling clients) : Endpoint<Request, Envelope<Response>>
{
    public const string IdempotencyScope = "client-charge";

    public override void Configure()
    {
        Post("/client/{id:int}/charges");
        Roles(Common.Roles.Admin);
        Summary(s => s.Summary = "Charge a client once (installation, equipment); send an Idempotency-Key so a retry cannot charge twice");
        Description(b => b.Created<Envelope<Response>>().Problems(404, 409, 422));
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var client = await clients.LockAsync(req.Id, ct);
        if (client is null) ThrowError($"Client {req.Id} was not found.", StatusCodes.Status404NotFound);
        if (await IdempotentAnswers.FirstAsync(db, IdempotencyScope, req.IdempotencyKey, ct) is { } first)
        {
            if (first.RequestHash != req.Fingerprint())
                ThrowError("This Idempotency-Key was already used for a different request.", StatusCodes.Status409Conflict);
            await Send.StringAsync(first.ResponseBody, first.StatusCode, "application/json", ct);
            return;
        }
        if (!Money.Fits(req.Amount!.Value, billing.Value.MinorUnits))
            ThrowError(r => r.Amount!, Money.Refusal(billing.Value.MinorUnits), StatusCodes.Status422UnprocessableEntity);
        if (await clients.RefusalToBillAsync(client, req.InvoiceNow, ct) is { } refusal) ThrowError(refusal.Message, refusal.Status);

        var charge = charges.Add(client.Id, ChargeKind.Charge, req.Description!.Trim(), req.Amount.Value,
            req.Taxable ?? true, User, clock.Now);
        Invoice? invoice = req.InvoiceNow
            ? await charges.InvoiceNowAsync(charge, await clients.LatestPeriodIdAsync(client.Id, ct), clock.Today, clock.Now, ct)
            : null;
        db.Audit(User, clock.Now, "charge.added", "client", client.Id,
            new { charge.Description, charge.Amount, charge.Taxable, invoice_number = invoice?.Number });
        await db.SaveChangesAsync(ct);
        var body = JsonSerializer.Serialize(new Envelope<Response>("Charge added successfully", new Response(
            ChargeView.From(charge), invoice is null ? null : InvoiceView.From(invoice))), Json.Options);
        IdempotentAnswers.Remember(db, IdempotencyScope, req.IdempotencyKey, req.Fingerprint(), 201, body, clock.Now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await Send.StringAsync(body, StatusCodes.Status201Created, "application/json", ct);
    }
}

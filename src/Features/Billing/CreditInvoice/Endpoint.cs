using System.Text.Json;
using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using MikroNet.Features.Billing.CreditNotes;
using MikroNet.Features.Billing.Payments;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Time;
using InvoiceView = MikroNet.Features.Billing.RecordPayment.InvoiceView;

namespace MikroNet.Features.Billing.CreditInvoice;

/// <summary>Raises a credit note on an invoice; what the invoice no longer owes becomes the client's credit.</summary>
public sealed class Endpoint(MikroNetDb db, ProviderClock clock, IOptions<BillingOptions> billing, PaymentBook payments,
    CreditNoteBook notes)
    : Endpoint<Request, Envelope<Response>>
{
    public const string IdempotencyScope = "credit-note";

    public override void Configure()
    {
        Post("/invoices/{id:int}/credit-notes");
        Roles(Common.Roles.Admin);
        Summary(s => s.Summary = "Credit an invoice (CN-yyyy-nnnnnn); send an Idempotency-Key so a retry cannot credit twice");
        Description(b => b.Created<Envelope<Response>>().Problems(404, 409, 422));
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Before the invoice's row: the order ClientBilling.LockAsync explains (credit and numbers meet billing runs).
        await BillingLock.AcquireAsync(db, ct);
        var invoice = await payments.LockInvoiceAsync(req.Id, ct);
        if (invoice is null) ThrowError($"Invoice {req.Id} was not found.", StatusCodes.Status404NotFound);
        if (await IdempotentAnswers.FirstAsync(db, IdempotencyScope, req.IdempotencyKey, ct) is { } first)
        {
            if (first.RequestHash != req.Fingerprint())
                ThrowError("This Idempotency-Key was already used for a different request.", StatusCodes.Status409Conflict);
            await Send.StringAsync(first.ResponseBody, first.StatusCode, "application/json", ct);
            return;
        }
        if (!Money.Fits(req.Amount!.Value, billing.Value.MinorUnits))
            ThrowError(r => r.Amount!, Money.Refusal(billing.Value.MinorUnits), StatusCodes.Status422UnprocessableEntity);
        if (await notes.RefusalAsync(invoice, req.Amount.Value, ct) is { } refusal) ThrowError(refusal.Message, refusal.Status);

        var issued = await notes.IssueAsync(invoice, req.Amount.Value, req.Reason!.Trim(), User, clock.Today, clock.Now, ct);
        await db.SaveChangesAsync(ct);
        var body = JsonSerializer.Serialize(new Envelope<Response>("Credit note issued successfully", new Response(
            CreditNoteView.From(issued.Note), InvoiceView.From(invoice), issued.ClientRestored)), Json.Options);
        IdempotentAnswers.Remember(db, IdempotencyScope, req.IdempotencyKey, req.Fingerprint(), 201, body, clock.Now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await Send.StringAsync(body, StatusCodes.Status201Created, "application/json", ct);
    }
}

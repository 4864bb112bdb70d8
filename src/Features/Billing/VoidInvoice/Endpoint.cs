using FastEndpoints;
using Microsoft.AspNetCore.Http;
using MikroNet.Features.Billing.Payments;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Time;

namespace MikroNet.Features.Billing.VoidInvoice;

/// <summary>Voids an unpaid invoice raised by mistake; one with payments or credit notes is a 409.</summary>
public sealed class Endpoint(MikroNetDb db, ProviderClock clock, PaymentBook payments, InvoiceVoider voider)
    : Endpoint<Request, Envelope<Response>>
{
    public override void Configure()
    {
        Post("/invoices/{id:int}/void");
        Roles(Common.Roles.Admin);
        Summary(s => s.Summary = "Void an invoice nobody has paid (its number stays taken; its period is cancelled unless keep_period)");
        Description(b => b.Problems(404, 409));
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Before the invoice's row: the order ClientBilling.LockAsync explains (credit and numbers meet billing runs).
        await BillingLock.AcquireAsync(db, ct);
        // The same row lock as payments: a void racing a payment waits for it, then sees it and refuses.
        var invoice = await payments.LockInvoiceAsync(req.Id, ct);
        if (invoice is null) ThrowError($"Invoice {req.Id} was not found.", StatusCodes.Status404NotFound);
        if (await voider.RefusalAsync(invoice, ct) is { } refusal) ThrowError(refusal, StatusCodes.Status409Conflict);

        var answer = await voider.VoidAsync(invoice, req.Reason!.Trim(), req.KeepPeriod, User, clock.Today, clock.Now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await Send.OkAsync(new Envelope<Response>("Invoice voided successfully", answer), ct);
    }
}

using System.Text.Json;
using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using MikroNet.Features.Billing.Payments;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Infrastructure.Security;
using MikroNet.Infrastructure.Time;

namespace MikroNet.Features.Billing.RecordPayment;

/// <summary>
/// Records a payment against an invoice. With an Idempotency-Key, a repeat of the same request answers what the
/// first one answered and records nothing; the same key with another request is a 409. Paying the last overdue
/// invoice in full restores an isolated client (a sync_secret re-enables the secret).
/// </summary>
public sealed class Endpoint(MikroNetDb db, ProviderClock clock, PaymentBook book)
    : Endpoint<Request, Envelope<Response>>
{
    public const string IdempotencyScope = "invoice-payment";

    public override void Configure()
    {
        Post("/invoices/{id:int}/payments");
        Roles(Common.Roles.Everyone);
        Summary(s => s.Summary = "Record a payment (send an Idempotency-Key header so a retry cannot pay twice)");
        Description(b => b.Created<Envelope<Response>>().Problems(409, 422));
    }

    /// <remarks>
    /// A payment first joins the transaction it shares with the payments waiting at the same moment (one round trip
    /// for their locks and reads, one for their writes and COMMIT: <see cref="SharedTransactions"/>). One that does
    /// more than write rows (it gives credit or restores a client), or whose shared transaction failed, runs again in
    /// a transaction of its own, which reads everything again.
    /// </remarks>
    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var done = false;
        await using (var member = await book.LockSharedAsync(req.Id, IdempotencyScope, req.IdempotencyKey))
        {
            if (member is not null)
                done = await PayAsync(req, member.Value, locked => PaymentBook.WritesOnlyRows(locked, req.Amount!.Value),
                    (posted, answer) => book.CommitSharedAsync(member, posted, answer), ct);
        }
        if (done) return;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var alone = await book.LockForPaymentAsync(req.Id, IdempotencyScope, req.IdempotencyKey, ct, untracked: true);
        await PayAsync(req, alone, _ => true, async (posted, answer) =>
        {
            await book.SaveAndCommitAsync(posted, answer, tx, ct);
            return true;
        }, ct);
    }

    /// <summary>
    /// Answers the payment on a locked invoice: false, having answered nothing, when <paramref name="mayPost"/> says
    /// this transaction cannot write it or <paramref name="commit"/> could not.
    /// </summary>
    private async Task<bool> PayAsync(Request req, LockedInvoice? locked, Func<LockedInvoice, bool> mayPost,
        Func<PostedPayment, IdempotencyRecord?, Task<bool>> commit, CancellationToken ct)
    {
        if (locked is null) ThrowError($"Invoice {req.Id} was not found.", StatusCodes.Status404NotFound);

        var fingerprint = req.Fingerprint();
        if (locked.FirstAnswer is { } first)
        {
            if (first.RequestHash != fingerprint)
                ThrowError("This Idempotency-Key was already used for a different request.", StatusCodes.Status409Conflict);
            await Send.StringAsync(first.ResponseBody, first.StatusCode, "application/json", ct);
            return true;
        }

        var invoice = locked.Invoice;
        var refusal = PaymentBook.Refusal(invoice, req.Amount!.Value);
        if (refusal?.Kind == PaymentRefusalKind.Void) ThrowError(refusal.Message, StatusCodes.Status409Conflict);
        if (refusal is not null) AddError(r => r.Amount!, refusal.Message);
        var today = clock.Today;
        var paymentDate = req.PaymentDate ?? today;
        if (BillingDates.PaymentDateProblem(paymentDate, today) is { } dateProblem) AddError(r => r.PaymentDate!, dateProblem);
        ThrowIfAnyErrors(StatusCodes.Status422UnprocessableEntity);
        if (!mayPost(locked)) return false;

        var now = clock.Now;
        var posted = await book.PostAsync(locked, new PaymentEntry(req.Amount.Value, paymentDate,
            RecordPayment.Validator.Methods[req.PaymentMethod!], req.Reference, req.IdempotencyKey, User.UserId()),
            User, now, today, ct);
        var body = JsonSerializer.Serialize(new Envelope<Response>("Payment recorded successfully",
            new Response(PaymentView.From(posted.Payment), InvoiceView.From(invoice), posted.ClientRestored)), Json.Options);
        if (!await commit(posted, IdempotentAnswers.Record(IdempotencyScope, req.IdempotencyKey, fingerprint,
                StatusCodes.Status201Created, body, now))) return false;
        await Send.StringAsync(body, StatusCodes.Status201Created, "application/json", ct);
        return true;
    }
}

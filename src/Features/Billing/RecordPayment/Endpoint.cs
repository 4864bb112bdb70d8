using System.Text.Json;
using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MikroNet.Features.Common;
using MikroNet.Features.Provisioning;
using MikroNet.Features.Provisioning.Outbox;
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
public sealed class Endpoint(MikroNetDb db, ProviderClock clock, IOptions<BillingOptions> options)
    : Endpoint<Request, Envelope<Response>>
{
    public const string IdempotencyScope = "invoice-payment";

    public override void Configure()
    {
        Post("/invoices/{id:int}/payments");
        Summary(s => s.Summary = "Record a payment (send an Idempotency-Key header so a retry cannot pay twice)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var now = clock.Now;
        var today = clock.Today;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var invoice = await Data.LockInvoiceAsync(db, req.Id, ct);
        if (invoice is null) ThrowError($"Invoice {req.Id} was not found.", StatusCodes.Status404NotFound);

        var fingerprint = req.Fingerprint();
        if (req.IdempotencyKey is { } key
            && await db.IdempotencyRecords.AsNoTracking()
                .SingleOrDefaultAsync(r => r.Scope == IdempotencyScope && r.Key == key, ct) is { } first)
        {
            if (first.RequestHash != fingerprint)
                ThrowError("This Idempotency-Key was already used for a different request.", StatusCodes.Status409Conflict);
            await Send.StringAsync(first.ResponseBody, first.StatusCode, "application/json", ct);
            return;
        }

        if (invoice.Status == InvoiceStatus.Void)
            ThrowError("This invoice is void and takes no payments.", StatusCodes.Status409Conflict);
        if (req.Amount <= 0)
            AddError(r => r.Amount!, "Amount must be greater than 0.");
        else if (req.Amount > invoice.Balance)
            AddError(r => r.Amount!, invoice.Balance == 0
                ? "This invoice is paid in full."
                : $"Amount must not exceed the open balance of {invoice.Balance:0.##}.");
        var paymentDate = req.PaymentDate ?? today;
        if (paymentDate > today) AddError(r => r.PaymentDate!, "Payment date must not be in the future.");
        ThrowIfAnyErrors(StatusCodes.Status422UnprocessableEntity);

        var payment = new Payment
        {
            InvoiceId = invoice.Id,
            Amount = req.Amount!.Value,
            PaymentDate = paymentDate,
            PaymentMethod = RecordPayment.Validator.Methods[req.PaymentMethod!],
            Status = PaymentStatus.Success,
            Reference = req.Reference,
            IdempotencyKey = req.IdempotencyKey,
            RecordedByUserId = User.UserId(),
            CreatedAt = now,
        };
        await db.Payments.AddAsync(payment, ct);
        invoice.AmountPaid += payment.Amount;
        invoice.Status = invoice.Balance == 0 ? InvoiceStatus.Paid
            : invoice.Status == InvoiceStatus.Overdue ? InvoiceStatus.Overdue
            : InvoiceStatus.PartiallyPaid;
        invoice.UpdatedAt = now;
        var restored = invoice.Status == InvoiceStatus.Paid && await RestoreClientAsync(invoice, today, now, ct);
        db.Audit(User, now, "payment.recorded", "invoice", invoice.Id,
            new { payment_id = payment.Id, payment.Amount, method = req.PaymentMethod, invoice_status = invoice.Status });

        var body = JsonSerializer.Serialize(new Envelope<Response>("Payment recorded successfully",
            new Response(PaymentView.From(payment), InvoiceView.From(invoice), restored)), Json.Options);
        if (req.IdempotencyKey is not null)
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Scope = IdempotencyScope,
                Key = req.IdempotencyKey,
                RequestHash = fingerprint,
                StatusCode = StatusCodes.Status201Created,
                ResponseBody = body,
                CreatedAt = now,
            });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await Send.StringAsync(body, StatusCodes.Status201Created, "application/json", ct);
    }

    private async Task<bool> RestoreClientAsync(Invoice invoice, NodaTime.LocalDate today, NodaTime.Instant now,
        CancellationToken ct)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == invoice.ClientId, ct);
        if (client?.IsolatedAt is null || client.RouterId is null) return false;
        if (await Data.HasOtherOverdueAsync(db, client.Id, invoice.Id, today, options.Value.GraceDays, ct)) return false;
        var before = ClientRouterState.Of(client);
        client.IsolatedAt = null;
        client.UpdatedAt = now;
        db.QueueRouterChanges(now, client, before);
        db.Audit(User, now, "client.restored", "client", client.Id, new { invoice_id = invoice.Id });
        return true;
    }
}

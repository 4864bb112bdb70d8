using System.Globalization;
using FastEndpoints;
using FluentValidation;
using MikroNet.Features.Billing.RecordPayment;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Billing.CreditInvoice;

public sealed class Request
{
    public int Id { get; set; }
    public decimal? Amount { get; set; }
    public string? Reason { get; set; }

    [FromHeader("Idempotency-Key", isRequired: false)]
    public string? IdempotencyKey { get; set; }

    public string Fingerprint() => IdempotentAnswers.Fingerprint(Id.ToString(CultureInfo.InvariantCulture),
        Amount?.ToString("0.##", CultureInfo.InvariantCulture), Reason);
}

public sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.Amount).NotNull().GreaterThan(0).PrecisionScale(14, 2, ignoreTrailingZeros: true);
        // The reason is printed on the credit line after the note's number, within the line's 255 characters.
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(200);
        RuleFor(r => r.IdempotencyKey).MaximumLength(255);
    }
}

public sealed record Response(CreditNoteView CreditNote, InvoiceView Invoice, bool ClientRestored);

public sealed record CreditNoteView(int CreditNoteId, string Number, int InvoiceId, int ClientId, decimal Amount,
    decimal AppliedToInvoice, decimal ToClientCredit, string Reason, Instant CreatedAt)
{
    public static CreditNoteView From(CreditNote n) => new(n.Id, n.Number, n.InvoiceId, n.ClientId, n.Amount,
        n.AppliedToInvoice, n.ToClientCredit, n.Reason, n.CreatedAt);
}

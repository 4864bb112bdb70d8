using FastEndpoints;
using FluentValidation;
using MikroNet.Features.Clients;
using MikroNet.Features.Common;
using NodaTime;

namespace MikroNet.Features.Billing.CancelClient;

public sealed class Request
{
    public int Id { get; set; }

    /// <summary>end_of_period (the current period is served to its end) or now.</summary>
    [EnumValues("end_of_period", "now")]
    public string? Effective { get; set; }

    public string? Reason { get; set; }
}

public sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.Effective).NotEmpty().Must(e => e is null or "end_of_period" or "now")
            .WithMessage("Effective must be one of: end_of_period, now.");
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(200);
    }
}

/// <summary>
/// cancel_on is the first day without service; credit_note is the unused days credited (now); final_invoice bills the
/// charges still waiting (no next invoice will come).
/// </summary>
public sealed record Response(ClientView Client, LocalDate CancelOn, CreditInvoice.CreditNoteView? CreditNote,
    IReadOnlyList<string> VoidedInvoices, RecordPayment.InvoiceView? FinalInvoice);

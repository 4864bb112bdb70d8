using FastEndpoints;
using FluentValidation;
using MikroNet.Features.Billing.RecordPayment;

namespace MikroNet.Features.Billing.VoidInvoice;

public sealed class Request
{
    public int Id { get; set; }
    public string? Reason { get; set; }

    /// <summary>Keep the invoice's period active (only the invoice was wrong); by default the period is cancelled.</summary>
    public bool KeepPeriod { get; set; }
}

public sealed class Validator : Validator<Request>
{
    public Validator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(255);
}

public sealed record Response(InvoiceView Invoice, bool PeriodCancelled, decimal CreditReturned, bool ClientRestored);

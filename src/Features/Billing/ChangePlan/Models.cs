using FastEndpoints;
using FluentValidation;
using MikroNet.Features.Clients;
using MikroNet.Features.Common;
using NodaTime;

namespace MikroNet.Features.Billing.ChangePlan;

public sealed class Request
{
    public int Id { get; set; }
    public int? PlanId { get; set; }

    /// <summary>now (profile pushed at once, the rest of the period prorated) or next_period (from the renewal).</summary>
    [EnumValues("now", "next_period")]
    public string? Effective { get; set; }
}

public sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.PlanId).NotNull().GreaterThan(0);
        RuleFor(r => r.Effective).NotEmpty().Must(e => e is null or "now" or "next_period")
            .WithMessage("Effective must be one of: now, next_period.");
    }
}

/// <summary>
/// The client on its new plan; next_period_start is the first period billed on it. A change now lists what the
/// rest of the current (and any already raised) period costs more (a proration charge for the next invoice) or less
/// (a credit note).
/// </summary>
public sealed record Response(ClientView Client, LocalDate NextPeriodStart, IReadOnlyList<ProrationView> Prorations);

public sealed record ProrationView(int SubscriptionId, int Days, int PeriodDays, decimal Amount,
    [property: EnumValues("charge", "credit_note")] string Kind, string? CreditNoteNumber);

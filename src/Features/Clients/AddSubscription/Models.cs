using FastEndpoints;
using FluentValidation;
using NodaTime;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Clients.AddSubscription;

public sealed class Request
{
    public int Id { get; set; }
    public int? PlanId { get; set; }

    /// <summary>Today in the provider's zone when absent.</summary>
    public LocalDate? StartDate { get; set; }
}

public sealed class Validator : Validator<Request>
{
    public Validator() => RuleFor(r => r.PlanId).NotNull().GreaterThan(0);
}

public sealed record Response(int SubscriptionId, int ClientId, int PlanId, int PeriodIndex, LocalDate StartDate,
    LocalDate EndDate, decimal Price, InvoiceView Invoice);

public sealed record InvoiceView(int InvoiceId, string Number, LocalDate InvoiceDate, LocalDate DueDate,
    decimal TotalAmount, [property: EnumValues(typeof(InvoiceStatus))] string InvoiceStatus);

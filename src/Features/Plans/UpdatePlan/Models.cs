using FastEndpoints;
using FluentValidation;

namespace MikroNet.Features.Plans.UpdatePlan;

/// <summary>Absent fields keep their value; rate_limit "" removes the limit.</summary>
public sealed class Request
{
    public int Id { get; set; }
    public string? Name { get; set; }
    public decimal? Price { get; set; }
    public int? PeriodMonths { get; set; }
    public string? PppProfile { get; set; }
    public string? RateLimit { get; set; }
}

public sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.Name).PlanName().When(r => r.Name is not null);
        RuleFor(r => r.Price).Price();
        RuleFor(r => r.PeriodMonths).PeriodMonths();
        RuleFor(r => r.PppProfile).PppProfile().When(r => r.PppProfile is not null);
        RuleFor(r => r.RateLimit).RateLimit().When(r => !string.IsNullOrEmpty(r.RateLimit));
    }
}

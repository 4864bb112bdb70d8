using FastEndpoints;
using FluentValidation;

namespace MikroNet.Features.Plans.CreatePlan;

public sealed class Request
{
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
        RuleFor(r => r.Name).PlanName();
        RuleFor(r => r.Price).NotNull().Price();
        RuleFor(r => r.PeriodMonths).NotNull().PeriodMonths();
        RuleFor(r => r.PppProfile).PppProfile();
        RuleFor(r => r.RateLimit).RateLimit();
    }
}

using System.Text.RegularExpressions;
using FluentValidation;
using MikroNet.Features.Common;
using MikroNet.Features.Provisioning.Outbox;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MikroNet.Features.Plans;

/// <summary>Field rules shared by create and update, and the router side of a plan.</summary>
public static partial class PlanRules
{
    /// <summary>numeric(14,2) holds up to 12 digits before the point.</summary>
    public const decimal MaxPrice = 999_999_999_999.99m;

    public static IRuleBuilderOptions<T, string?> PlanName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(Limits.Name);

    public static IRuleBuilderOptions<T, decimal?> Price<T>(this IRuleBuilder<T, decimal?> rule) =>
        rule.GreaterThan(0).LessThanOrEqualTo(MaxPrice).PrecisionScale(14, 2, ignoreTrailingZeros: true);

    public static IRuleBuilderOptions<T, int?> PeriodMonths<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, 120);

    /// <summary>A profile name goes into RouterOS commands: no whitespace or control characters.</summary>
    public static IRuleBuilderOptions<T, string?> PppProfile<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(Limits.PppSecretName)
            .Must(n => n is null || !n.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            .WithMessage("PPP profile must not contain whitespace or control characters.");

    /// <summary>RouterOS rate-limit syntax: rx[/tx] [burst-rx/burst-tx [threshold [time [priority [limit-at]]]]].</summary>
    public static IRuleBuilderOptions<T, string?> RateLimit<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(Limits.Name).Must(r => r is null || RateLimitPattern().IsMatch(r))
            .WithMessage("Rate limit must look like RouterOS's rate-limit, for example 10M/10M or 5M/10M 8M/15M 4M/8M 10/10.");

    /// <summary>Every router gets the profile, since any router may later carry a client on this plan.</summary>
    public static async Task EnsureOnRoutersAsync(MikroNetDb db, Plan plan, Instant now, CancellationToken ct)
    {
        var routers = await db.Routers.Select(r => r.Id).ToListAsync(ct);
        foreach (var routerId in routers)
            db.Enqueue(now, routerId, null, new EnsureProfile(plan.PppProfile, plan.RateLimit));
    }

    public static async Task EnsureAllOnRouterAsync(MikroNetDb db, int routerId, Instant now, CancellationToken ct)
    {
        var plans = await db.Plans.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
        foreach (var plan in plans)
            db.Enqueue(now, routerId, null, new EnsureProfile(plan.PppProfile, plan.RateLimit));
    }

    [GeneratedRegex(@"^[0-9]+[kKmMgG]?(/[0-9]+[kKmMgG]?)?( [0-9]+[kKmMgG]?(/[0-9]+[kKmMgG]?)?){0,5}$")]
    private static partial Regex RateLimitPattern();
}

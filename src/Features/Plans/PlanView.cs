using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Plans;

public sealed record PlanView(int PlanId, string Name, decimal Price, int PeriodMonths, string PppProfile,
    string? RateLimit, Instant CreatedAt, Instant UpdatedAt)
{
    public static PlanView From(Plan p) =>
        new(p.Id, p.Name, p.Price, p.PeriodMonths, p.PppProfile, p.RateLimit, p.CreatedAt, p.UpdatedAt);
}

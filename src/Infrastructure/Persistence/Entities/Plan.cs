using NodaTime;

namespace MikroNet.Infrastructure.Persistence.Entities;

public sealed class Plan
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public decimal Price { get; set; }
    public int PeriodMonths { get; set; }
    public required string PppProfile { get; set; }
    public string? RateLimit { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant UpdatedAt { get; set; }
}

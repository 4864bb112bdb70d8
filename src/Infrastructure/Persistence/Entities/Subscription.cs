using NodaTime;

namespace MikroNet.Infrastructure.Persistence.Entities;

/// <summary>One period of service of one client on one plan, both dates inclusive.</summary>
public sealed class Subscription
{
    public int Id { get; set; }
    public int ClientId { get; set; }
    public Client? Client { get; set; }
    public int PlanId { get; set; }
    public Plan? Plan { get; set; }

    /// <summary>k in "anchor + k × months"; 0 for the first period.</summary>
    public int PeriodIndex { get; set; }
    public LocalDate StartDate { get; set; }
    public LocalDate EndDate { get; set; }
    public decimal Price { get; set; }
    public SubscriptionStatus Status { get; set; }
    public Instant CreatedAt { get; set; }
    public List<Invoice> Invoices { get; set; } = [];
}

public enum SubscriptionStatus { Active, Cancelled }

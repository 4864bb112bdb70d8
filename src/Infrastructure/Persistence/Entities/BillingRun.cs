using NodaTime;

namespace MikroNet.Infrastructure.Persistence.Entities;

/// <summary>One daily billing run; the date is unique so a day runs once however many hosts there are.</summary>
public sealed class BillingRun
{
    public int Id { get; set; }
    public LocalDate RunDate { get; set; }
    public Instant StartedAt { get; set; }
    public Instant? FinishedAt { get; set; }
    public int InvoicesRaised { get; set; }
    public int ClientsIsolated { get; set; }
    public int ClientsRestored { get; set; }

    /// <summary>Messages that failed for good (not skipped ones) since the previous run started.</summary>
    public int NotificationsFailed { get; set; }
}

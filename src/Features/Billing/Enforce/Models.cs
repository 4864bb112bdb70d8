using NodaTime;

namespace MikroNet.Features.Billing.Enforce;

public sealed class Request
{
    /// <summary>The day to enforce for; today in the provider's zone when absent.</summary>
    public LocalDate? AsOf { get; set; }
}

public sealed record EnforcementResult(LocalDate AsOf, int InvoicesOverdue, int ClientsIsolated, int ClientsRestored);

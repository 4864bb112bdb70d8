using NodaTime;

namespace MikroNet.Features.Billing.Enforce;

public sealed class Request
{
    /// <summary>The day to enforce for; today in the provider's zone when absent. Not after today unless DryRun.</summary>
    public LocalDate? AsOf { get; set; }

    /// <summary>Answer which clients would be isolated or restored and write nothing (query parameter or body field).</summary>
    public bool DryRun { get; set; }
}

public sealed record EnforcementResult(LocalDate AsOf, bool DryRun, int InvoicesOverdue, int ClientsIsolated,
    int ClientsRestored, IReadOnlyList<int> IsolatedClientIds, IReadOnlyList<int> RestoredClientIds,
    IReadOnlyList<int> CancelledClientIds, IReadOnlyList<int> PlanSwitchedClientIds);

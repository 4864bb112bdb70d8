using NodaTime;

namespace MikroNet.Features.Reports.Summary;

/// <summary>The dashboard's key figures as of today in the provider's zone.</summary>
public sealed record SummaryReport(LocalDate AsOf, string Currency, decimal Mrr, decimal CollectedThisMonth, decimal Outstanding,
    long OverdueClients, long IsolatedClients, long FailingRouterChanges);

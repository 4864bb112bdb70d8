using GraphQL.Types;
using MikroNet.Features.Reports.Aging;
using MikroNet.Features.Reports.BilledCollected;
using MikroNet.Features.Reports.ClientCounts;
using MikroNet.Features.Reports.Collections;
using MikroNet.Features.Reports.Mrr;
using MikroNet.Features.Reports.Revenue;
using MikroNet.Features.Reports.Summary;
using MikroNet.Features.Graph.Scalars;

namespace MikroNet.Features.Reports.Graph;

public sealed class RevenueGroupingType : EnumerationGraphType<RevenueGrouping>
{
    public RevenueGroupingType() => Name = "RevenueGrouping";
}

public sealed class ClientGroupingType : EnumerationGraphType<ClientGrouping>
{
    public ClientGroupingType() => Name = "ClientGrouping";
}

public sealed class SummaryType : ObjectGraphType<SummaryReport>
{
    public SummaryType()
    {
        Name = "ReportSummary";
        Field<NonNullGraphType<LocalDateGraphType>>("asOf").Resolve(c => c.Source.AsOf);
        Field<NonNullGraphType<StringGraphType>>("currency").Description("ISO 4217 code of the amounts (Billing:Currency).")
            .Resolve(c => c.Source.Currency);
        Field<NonNullGraphType<DecimalGraphType>>("mrr").Resolve(c => c.Source.Mrr);
        Field<NonNullGraphType<DecimalGraphType>>("collectedThisMonth").Resolve(c => c.Source.CollectedThisMonth);
        Field<NonNullGraphType<DecimalGraphType>>("outstanding").Resolve(c => c.Source.Outstanding);
        Field<NonNullGraphType<LongGraphType>>("overdueClients").Resolve(c => c.Source.OverdueClients);
        Field<NonNullGraphType<LongGraphType>>("isolatedClients").Resolve(c => c.Source.IsolatedClients);
        Field<NonNullGraphType<LongGraphType>>("failingRouterChanges").Resolve(c => c.Source.FailingRouterChanges);
    }
}

public sealed class RevenueRowType : ObjectGraphType<RevenueRow>
{
    public RevenueRowType()
    {
        Name = "RevenueRow";
        Field<NonNullGraphType<StringGraphType>>("key").Resolve(c => c.Source.Key);
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(c => c.Source.Label);
        Field<NonNullGraphType<LongGraphType>>("payments").Resolve(c => c.Source.Payments);
        Field<NonNullGraphType<DecimalGraphType>>("amount").Resolve(c => c.Source.Amount);
    }
}

public sealed class BilledCollectedRowType : ObjectGraphType<BilledCollectedRow>
{
    public BilledCollectedRowType()
    {
        Name = "BilledCollectedRow";
        Field<NonNullGraphType<StringGraphType>>("month").Description("yyyy-MM").Resolve(c => c.Source.Month);
        Field<NonNullGraphType<LongGraphType>>("invoices").Resolve(c => c.Source.Invoices);
        Field<NonNullGraphType<DecimalGraphType>>("billed").Resolve(c => c.Source.Billed);
        Field<NonNullGraphType<LongGraphType>>("payments").Resolve(c => c.Source.Payments);
        Field<NonNullGraphType<DecimalGraphType>>("collected").Resolve(c => c.Source.Collected);
    }
}

public sealed class AgingBucketType : ObjectGraphType<AgingBucket>
{
    public AgingBucketType()
    {
        Name = "AgingBucket";
        Field<NonNullGraphType<StringGraphType>>("bucket").Description("not_due, 1_30, 31_60, 61_90 or over_90").Resolve(c => c.Source.Bucket);
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(c => c.Source.Label);
        Field<IntGraphType>("minDaysPastDue").Resolve(c => c.Source.MinDays);
        Field<IntGraphType>("maxDaysPastDue").Resolve(c => c.Source.MaxDays);
        Field<NonNullGraphType<LongGraphType>>("invoices").Resolve(c => c.Source.Invoices);
        Field<NonNullGraphType<DecimalGraphType>>("openBalance").Resolve(c => c.Source.OpenBalance);
    }
}

public sealed class CollectionRowType : ObjectGraphType<CollectionRow>
{
    public CollectionRowType()
    {
        Name = "CollectionRow";
        Field<NonNullGraphType<IntGraphType>>("clientId").Resolve(c => c.Source.ClientId);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("phoneNumber").Resolve(c => c.Source.PhoneNumber);
        Field<NonNullGraphType<StringGraphType>>("status").Description("active, disabled, isolated or deleted").Resolve(c => c.Source.Status);
        Field<StringGraphType>("routerName").Resolve(c => c.Source.RouterName);
        Field<NonNullGraphType<LocalDateGraphType>>("oldestDueDate").Resolve(c => c.Source.OldestDueDate);
        Field<NonNullGraphType<IntGraphType>>("daysPastDue").Resolve(c => c.Source.DaysPastDue);
        Field<NonNullGraphType<LongGraphType>>("openInvoices").Resolve(c => c.Source.OpenInvoices);
        Field<NonNullGraphType<DecimalGraphType>>("openBalance").Resolve(c => c.Source.OpenBalance);
    }
}

public sealed class ClientCountRowType : ObjectGraphType<ClientCountRow>
{
    public ClientCountRowType()
    {
        Name = "ClientCountRow";
        Field<NonNullGraphType<StringGraphType>>("key").Resolve(c => c.Source.Key);
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(c => c.Source.Label);
        Field<NonNullGraphType<LongGraphType>>("clients").Resolve(c => c.Source.Clients);
    }
}

public sealed class MrrReportType : ObjectGraphType<MrrReport>
{
    public MrrReportType()
    {
        Name = "MrrReport";
        Field<NonNullGraphType<DecimalGraphType>>("total").Resolve(c => c.Source.Total);
        Field<NonNullGraphType<LongGraphType>>("activeClients").Resolve(c => c.Source.Clients);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MrrPlanRowType>>>>("plans").Resolve(c => c.Source.Plans);
    }
}

public sealed class MrrPlanRowType : ObjectGraphType<MrrPlanRow>
{
    public MrrPlanRowType()
    {
        Name = "MrrPlanRow";
        Field<NonNullGraphType<IntGraphType>>("planId").Resolve(c => c.Source.PlanId);
        Field<NonNullGraphType<StringGraphType>>("planName").Resolve(c => c.Source.PlanName);
        Field<NonNullGraphType<DecimalGraphType>>("price").Resolve(c => c.Source.Price);
        Field<NonNullGraphType<IntGraphType>>("periodMonths").Resolve(c => c.Source.PeriodMonths);
        Field<NonNullGraphType<LongGraphType>>("activeClients").Resolve(c => c.Source.Clients);
        Field<NonNullGraphType<DecimalGraphType>>("monthlyAmount").Resolve(c => c.Source.MonthlyAmount);
    }
}

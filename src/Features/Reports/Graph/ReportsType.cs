using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MikroNet.Features.Billing;
using MikroNet.Features.Reports.ClientCounts;
using MikroNet.Features.Reports.Revenue;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Time;
using NodaTime;

namespace MikroNet.Features.Reports.Graph;

/// <summary>`reports`: the same statements as GET /reports/*.csv (docs/reports.md defines each figure).</summary>
public sealed class ReportsType : ObjectGraphType
{
    /// <summary>What the `reports` field resolves to: the fields below need no parent value.</summary>
    public static readonly object Root = new();

    public ReportsType()
    {
        Name = "Reports";
        Description = "Money and client reports; dates are in the provider's time zone, ranges include both ends.";

        Field<NonNullGraphType<SummaryType>>("summary").Description("The dashboard's key figures as of today.")
            .ResolveAsync(async c =>
            {
                var billing = c.RequestServices!.GetRequiredService<IOptions<BillingOptions>>().Value;
                return await Summary.Data.RunAsync(Db(c), Today(c), billing.Currency, billing.GraceDays, c.CancellationToken);
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RevenueRowType>>>>("revenue")
            .Description("Completed payments by payment date, grouped by `by`; by MONTH every month of the range is listed.")
            .Argument<MikroNet.Features.Graph.Scalars.LocalDateGraphType>("from", "First day (default: the 1st of the month 11 months before `to`).")
            .Argument<MikroNet.Features.Graph.Scalars.LocalDateGraphType>("to", "Last day (default: today).")
            .Argument<NonNullGraphType<RevenueGroupingType>>("by", c => c.DefaultValue = RevenueGrouping.Month)
            .ResolveAsync(async c => await Revenue.Data.RunAsync(Db(c), Range(c), c.GetArgument<RevenueGrouping>("by"), c.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BilledCollectedRowType>>>>("billedVsCollected")
            .Description("Per month: invoices by invoice date (void ones left out) against payments by payment date.")
            .Argument<MikroNet.Features.Graph.Scalars.LocalDateGraphType>("from")
            .Argument<MikroNet.Features.Graph.Scalars.LocalDateGraphType>("to")
            .ResolveAsync(async c => await BilledCollected.Data.RunAsync(Db(c), Range(c), c.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AgingBucketType>>>>("aging")
            .Description("Open balances by days past due as of `asOf` (default today); always five buckets.")
            .Argument<MikroNet.Features.Graph.Scalars.LocalDateGraphType>("asOf")
            .ResolveAsync(async c => await Aging.Data.RunAsync(Db(c), AsOf(c), c.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CollectionRowType>>>>("collections")
            .Description("Clients with an open balance as of `asOf` (default today), the longest overdue first.")
            .Argument<MikroNet.Features.Graph.Scalars.LocalDateGraphType>("asOf")
            .ResolveAsync(async c => await Collections.Data.RunAsync(Db(c), AsOf(c), c.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClientCountRowType>>>>("clients")
            .Description("Live clients (deleted ones left out) counted by status, plan or router.")
            .Argument<NonNullGraphType<ClientGroupingType>>("by", c => c.DefaultValue = ClientGrouping.Status)
            .ResolveAsync(async c => await ClientCounts.Data.RunAsync(Db(c), c.GetArgument<ClientGrouping>("by"), c.CancellationToken));

        Field<NonNullGraphType<MrrReportType>>("mrr")
            .Description("Monthly recurring revenue: active, renewing clients' plan prices per month.")
            .ResolveAsync(async c => await Mrr.Data.RunAsync(Db(c), c.CancellationToken));
    }

    private static MikroNetDb Db(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<MikroNetDb>();

    private static LocalDate Today(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<ProviderClock>().Today;

    private static LocalDate AsOf(IResolveFieldContext c)
    {
        var asOf = ReportRange.AsOf(c.GetArgument<LocalDate?>("asOf"), Today(c), out var error);
        return error is null ? asOf : throw new ExecutionError(error.Replace("'as_of'", "'asOf'")) { Code = "INVALID_RANGE" };
    }

    private static ReportRange Range(IResolveFieldContext c)
    {
        var range = ReportRange.Resolve(c.GetArgument<LocalDate?>("from"), c.GetArgument<LocalDate?>("to"), Today(c), out var error);
        return error is not { } e ? range : throw new ExecutionError(e.Message) { Code = "INVALID_RANGE" };
    }
}

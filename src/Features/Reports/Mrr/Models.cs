namespace MikroNet.Features.Reports.Mrr;

/// <summary>
/// A plan's share of monthly recurring revenue: its price spread over its period (price ÷ period_months) times the
/// clients that are active on it, rounded to cents.
/// </summary>
public sealed record MrrPlanRow(int PlanId, string PlanName, decimal Price, int PeriodMonths, long Clients, decimal MonthlyAmount)
{
    public static readonly CsvColumn<MrrPlanRow>[] Columns =
    [
        new("plan_id", r => Csv.Number(r.PlanId)),
        new("plan", r => Csv.Text(r.PlanName)),
        new("price", r => Csv.Money(r.Price)),
        new("period_months", r => Csv.Number(r.PeriodMonths)),
        new("active_clients", r => Csv.Number(r.Clients)),
        new("monthly_amount", r => Csv.Money(r.MonthlyAmount)),
    ];
}

/// <summary>The total is the sum of the plans' rounded amounts, so the rows add up to it.</summary>
public sealed record MrrReport(decimal Total, long Clients, IReadOnlyList<MrrPlanRow> Plans)
{
    public static MrrReport Of(IReadOnlyList<MrrPlanRow> plans) =>
        new(plans.Sum(p => p.MonthlyAmount), plans.Sum(p => p.Clients), plans);
}

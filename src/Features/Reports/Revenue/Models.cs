namespace MikroNet.Features.Reports.Revenue;

/// <summary>What revenue is grouped by.</summary>
public enum RevenueGrouping { Month, Method, Plan, Router }

/// <summary>
/// One group: for months the key and label are yyyy-MM; for methods the method; for plans and routers the id and
/// the name (key empty and label "none" for payments of clients whose router was removed).
/// </summary>
public sealed record RevenueRow(string Key, string Label, long Payments, decimal Amount)
{
    public static readonly CsvColumn<RevenueRow>[] Columns =
    [
        new("key", r => r.Key),
        new("label", r => Csv.Text(r.Label)),
        new("payments", r => Csv.Number(r.Payments)),
        new("amount", r => Csv.Money(r.Amount)),
    ];
}

public sealed class Request
{
    public NodaTime.LocalDate? From { get; set; }
    public NodaTime.LocalDate? To { get; set; }
    public string? By { get; set; }
}

namespace MikroNet.Features.Reports.Aging;

/// <summary>
/// One bucket of days past due as of the report date (as_of − due_date): not_due (0 or less), 1_30, 31_60, 61_90,
/// over_90. All five are always listed.
/// </summary>
public sealed record AgingBucket(string Bucket, string Label, int? MinDays, int? MaxDays, long Invoices, decimal OpenBalance)
{
    public static readonly CsvColumn<AgingBucket>[] Columns =
    [
        new("bucket", r => r.Bucket),
        new("label", r => r.Label),
        new("min_days_past_due", r => r.MinDays is { } d ? Csv.Number(d) : ""),
        new("max_days_past_due", r => r.MaxDays is { } d ? Csv.Number(d) : ""),
        new("invoices", r => Csv.Number(r.Invoices)),
        new("open_balance", r => Csv.Money(r.OpenBalance)),
    ];
}

public sealed class Request
{
    public NodaTime.LocalDate? AsOf { get; set; }
}

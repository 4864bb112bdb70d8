namespace MikroNet.Features.Reports.BilledCollected;

/// <summary>One month: invoices raised (by invoice_date, void ones left out) and payments received (by payment_date).</summary>
public sealed record BilledCollectedRow(string Month, long Invoices, decimal Billed, long Payments, decimal Collected)
{
    public static readonly CsvColumn<BilledCollectedRow>[] Columns =
    [
        new("month", r => r.Month),
        new("invoices", r => Csv.Number(r.Invoices)),
        new("billed", r => Csv.Money(r.Billed)),
        new("payments", r => Csv.Number(r.Payments)),
        new("collected", r => Csv.Money(r.Collected)),
    ];
}

public sealed class Request
{
    public NodaTime.LocalDate? From { get; set; }
    public NodaTime.LocalDate? To { get; set; }
}

using NodaTime;

namespace MikroNet.Features.Reports.Collections;

/// <summary>A client who owed money on the report date, with what an operator needs to call them.</summary>
public sealed record CollectionRow(int ClientId, string Name, string PhoneNumber, string Status, string? RouterName,
    LocalDate OldestDueDate, int DaysPastDue, long OpenInvoices, decimal OpenBalance)
{
    public static readonly CsvColumn<CollectionRow>[] Columns =
    [
        new("client_id", r => Csv.Number(r.ClientId)),
        new("name", r => Csv.Text(r.Name)),
        new("phone_number", r => r.PhoneNumber),
        new("status", r => r.Status),
        new("router", r => Csv.Text(r.RouterName ?? "")),
        new("oldest_due_date", r => Csv.Date(r.OldestDueDate)),
        new("days_past_due", r => Csv.Number(r.DaysPastDue)),
        new("open_invoices", r => Csv.Number(r.OpenInvoices)),
        new("open_balance", r => Csv.Money(r.OpenBalance)),
    ];
}

public sealed class Request
{
    public LocalDate? AsOf { get; set; }
}

namespace MikroNet.Features.Reports.ClientCounts;

/// <summary>What clients are counted by.</summary>
public enum ClientGrouping { Status, Plan, Router }

/// <summary>
/// One group of clients (deleted ones are not counted): by status the key and label are active, disabled or
/// isolated; by plan and router the id and name (key empty and label "none" for clients without one).
/// </summary>
public sealed record ClientCountRow(string Key, string Label, long Clients)
{
    public static readonly CsvColumn<ClientCountRow>[] Columns =
    [
        new("key", r => r.Key),
        new("label", r => Csv.Text(r.Label)),
        new("clients", r => Csv.Number(r.Clients)),
    ];
}

public sealed class Request
{
    public string? By { get; set; }
}

using MikroNet.Infrastructure.Persistence;

namespace MikroNet.Features.Reports.BilledCollected;

public static class Data
{
    public static Task<List<BilledCollectedRow>> RunAsync(MikroNetDb db, ReportRange range, CancellationToken ct) =>
        ReportQuery.ReadAsync(db, Sql.Monthly, p =>
        {
            p.AddDate("from", range.From);
            p.AddDate("to", range.To);
        }, r => new BilledCollectedRow(r.GetString(0), r.GetInt64(1), r.GetDecimal(2), r.GetInt64(3), r.GetDecimal(4)), ct);
}

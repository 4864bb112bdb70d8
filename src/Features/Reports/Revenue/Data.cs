using MikroNet.Infrastructure.Persistence;

namespace MikroNet.Features.Reports.Revenue;

public static class Data
{
    public static Task<List<RevenueRow>> RunAsync(MikroNetDb db, ReportRange range, RevenueGrouping by, CancellationToken ct) =>
        ReportQuery.ReadAsync(db, Sql.For(by), p =>
        {
            p.AddDate("from", range.From);
            p.AddDate("to", range.To);
        }, r => new RevenueRow(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetDecimal(3)), ct);
}

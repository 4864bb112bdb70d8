using MikroNet.Infrastructure.Persistence;
using NodaTime;

namespace MikroNet.Features.Reports.Summary;

public static class Data
{
    public static async Task<SummaryReport> RunAsync(MikroNetDb db, LocalDate asOf, string currency, int graceDays,
        CancellationToken ct) =>
        (await ReportQuery.ReadAsync(db, Sql.Figures, p =>
        {
            p.AddDate("as_of", asOf);
            p.AddWithValue("grace", graceDays);
        }, r => new SummaryReport(asOf, currency, r.GetDecimal(0), r.GetDecimal(1), r.GetDecimal(2), r.GetInt64(3), r.GetInt64(4),
            r.GetInt64(5)), ct)).Single();
}

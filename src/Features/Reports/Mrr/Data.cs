using MikroNet.Infrastructure.Persistence;

namespace MikroNet.Features.Reports.Mrr;

public static class Data
{
    public static async Task<MrrReport> RunAsync(MikroNetDb db, CancellationToken ct) =>
        MrrReport.Of(await ReportQuery.ReadAsync(db, Sql.ByPlan, _ => { },
            r => new MrrPlanRow(r.GetInt32(0), r.GetString(1), r.GetDecimal(2), r.GetInt32(3), r.GetInt64(4), r.GetDecimal(5)), ct));
}

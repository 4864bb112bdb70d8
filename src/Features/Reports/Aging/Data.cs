using MikroNet.Infrastructure.Persistence;
using NodaTime;

namespace MikroNet.Features.Reports.Aging;

public static class Data
{
    public static Task<List<AgingBucket>> RunAsync(MikroNetDb db, LocalDate asOf, CancellationToken ct) =>
        ReportQuery.ReadAsync(db, Sql.Buckets, p => p.AddDate("as_of", asOf),
            r => new AgingBucket(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetInt32(2),
                r.IsDBNull(3) ? null : r.GetInt32(3), r.GetInt64(4), r.GetDecimal(5)), ct);
}

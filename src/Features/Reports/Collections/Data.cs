using MikroNet.Infrastructure.Persistence;
using NodaTime;

namespace MikroNet.Features.Reports.Collections;

public static class Data
{
    public static Task<List<CollectionRow>> RunAsync(MikroNetDb db, LocalDate asOf, CancellationToken ct) =>
        ReportQuery.ReadAsync(db, Sql.Clients, p => p.AddDate("as_of", asOf),
            r => new CollectionRow(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3),
                r.IsDBNull(4) ? null : r.GetString(4), r.Date(5), r.GetInt32(6), r.GetInt64(7), r.GetDecimal(8)), ct);
}

using MikroNet.Infrastructure.Persistence;

namespace MikroNet.Features.Reports.ClientCounts;

public static class Data
{
    public static Task<List<ClientCountRow>> RunAsync(MikroNetDb db, ClientGrouping by, CancellationToken ct) =>
        ReportQuery.ReadAsync(db, Sql.For(by), _ => { },
            r => new ClientCountRow(r.GetString(0), r.GetString(1), r.GetInt64(2)), ct);
}

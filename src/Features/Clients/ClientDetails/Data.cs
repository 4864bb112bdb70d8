using MikroNet.Infrastructure.Persistence;
using Npgsql;

namespace MikroNet.Features.Clients.ClientDetails;

public static class Data
{
    /// <summary>
    /// The answer's body as PostgreSQL built it (UTF-8), or null when there is no such client. The statement goes with
    /// the other reads waiting at the same moment, in one round trip.
    /// </summary>
    public static Task<byte[]?> DetailsAsync(ReadBatches database, int clientId, CancellationToken ct) =>
        database.ScalarAsync(Sql.Details, [new NpgsqlParameter<int> { TypedValue = clientId }], ct);
}

using Microsoft.EntityFrameworkCore;
using MikroNet.Infrastructure.Persistence;
using Npgsql;

namespace MikroNet.Features.Clients.ClientDetails;

public static class Data
{
    /// <summary>The answer's body as PostgreSQL built it (UTF-8), or null when there is no such client.</summary>
    public static async Task<byte[]?> DetailsAsync(MikroNetDb db, int clientId, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(Sql.Details, (NpgsqlConnection)db.Database.GetDbConnection());
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = clientId });
        return (byte[]?)await cmd.ExecuteScalarAsync(ct);
    }
}

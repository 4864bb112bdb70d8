using Npgsql;

namespace MikroNet.Features.Clients.ClientDetails;

public static class Data
{
    /// <summary>
    /// The answer's body as PostgreSQL built it (UTF-8), or null when there is no such client. The connection comes
    /// from EF Core's pool without a DbContext, and goes back before the answer is sent.
    /// </summary>
    public static async Task<byte[]?> DetailsAsync(NpgsqlDataSource database, int clientId, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(Sql.Details, connection);
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = clientId });
        return (byte[]?)await cmd.ExecuteScalarAsync(ct);
    }
}

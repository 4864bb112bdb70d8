using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using Npgsql;

namespace MikroNet.Features.Clients.ListClients;

public static class Data
{
    private static readonly byte[] Head = Encoding.UTF8.GetBytes("{\"message\":\"Clients retrieved successfully\",\"data\":[");
    private static readonly byte[] Tail = "]}"u8.ToArray();

    /// <summary>
    /// Streams the list as PostgreSQL writes it, client by client: at 10,000 clients the answer is ~3 MiB, and neither
    /// it nor the clients are held in memory at once.
    /// </summary>
    public static async Task SendAsync(MikroNetDb db, PipeWriter body, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(Sql.Clients, (NpgsqlConnection)db.Database.GetDbConnection());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        body.Write(Head);
        var first = true;
        while (await reader.ReadAsync(ct))
        {
            if (!first) body.Write(","u8);
            first = false;
            var client = reader.GetFieldValue<byte[]>(0);
            body.Advance(PostgresJson.Compact(client, body.GetSpan(client.Length)));
            if (body.UnflushedBytes > 32 * 1024) await body.FlushAsync(ct);
        }
        body.Write(Tail);
        await body.FlushAsync(ct);
    }
}

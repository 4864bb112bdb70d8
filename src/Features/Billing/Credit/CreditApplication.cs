using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MikroNet.Infrastructure.Persistence;
using Npgsql;
using NodaTime;

namespace MikroNet.Features.Billing.Credit;

/// <summary>
/// Uses clients' credit balances on the invoices a billing run raised, through the database function
/// apply_client_credit (migration CreditNotes): oldest invoice first per client (invoice date, then number), each
/// taking what is left of the balance up to its total; a credit line, a ledger entry, the balance lowered, and an
/// invoice that credit covers entirely is paid. One statement for the whole run.
/// </summary>
public static class CreditApplication
{
    public const string Sql = "SELECT * FROM apply_client_credit(@ids, @now)";

    public static void AddParameters(NpgsqlCommand cmd, IReadOnlyCollection<int> invoiceIds, Instant now)
    {
        cmd.Parameters.AddWithValue("ids", invoiceIds.ToArray());
        cmd.Parameters.AddWithValue("now", now.ToDateTimeUtc());
    }

    /// <summary>The credit applied and the new total of each invoice that took credit.</summary>
    public static async Task<IReadOnlyDictionary<int, (decimal Applied, decimal Total)>> ApplyAsync(MikroNetDb db,
        IReadOnlyCollection<int> invoiceIds, Instant now, CancellationToken ct)
    {
        var result = new Dictionary<int, (decimal, decimal)>();
        if (invoiceIds.Count == 0) return result;
        await using var cmd = (NpgsqlCommand)db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        cmd.CommandText = Sql;
        AddParameters(cmd, invoiceIds, now);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result[reader.GetInt32(0)] = (reader.GetDecimal(1), reader.GetDecimal(2));
        return result;
    }
}

using Npgsql;
using Xunit;

namespace MikroNet.Tests.Graph;

/// <summary>
/// The seeded tree made uneven, so that filters have something to tell apart: the last period's invoice of every
/// fourth client is overdue, the first period's invoice of every sixth is paid in full, and every tenth client's
/// second payments are refunded.
/// </summary>
public sealed class NestedListFixture : GraphFixture, IAsyncLifetime
{
    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ExecuteAsync("""
            UPDATE invoices i SET status = 'overdue' FROM subscriptions s
             WHERE s.id = i.subscription_id AND i.client_id % 4 = 0 AND s.period_index = 2;
            UPDATE invoices i SET status = 'paid', amount_paid = total_amount FROM subscriptions s
             WHERE s.id = i.subscription_id AND i.client_id % 6 = 0 AND s.period_index = 0;
            UPDATE payments p SET status = 'refunded' FROM invoices i
             WHERE i.id = p.invoice_id AND i.client_id % 10 = 0 AND p.payment_method = 'bank_transfer';
            """);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>The rows of a hand-written query, each row's columns joined by '|' (to compare with GraphQL's answer).</summary>
    public async Task<List<string>> RowsAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i),
                System.Globalization.CultureInfo.InvariantCulture))));
        return rows;
    }
}

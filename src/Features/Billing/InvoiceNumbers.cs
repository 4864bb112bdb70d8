using Microsoft.EntityFrameworkCore;
using MikroNet.Infrastructure.Persistence;

namespace MikroNet.Features.Billing;

/// <summary>
/// Hands out INV-yyyy-nnnnnn numbers from the year's counter row. The upsert locks that row until the caller's
/// transaction ends, so concurrent callers queue up, and a rollback returns the number: no gaps, no duplicates.
/// </summary>
public static class InvoiceNumbers
{
    public static async Task<(int Year, int Sequence, string Number)> NextAsync(MikroNetDb db, int year,
        CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("An invoice number must be taken inside the transaction that uses it.");
        var values = await db.Database.SqlQuery<int>($"""
            INSERT INTO invoice_number_counters AS c (year, last_value) VALUES ({year}, 1)
            ON CONFLICT (year) DO UPDATE SET last_value = c.last_value + 1
            RETURNING last_value AS "Value"
            """).ToListAsync(ct);
        return (year, values[0], Format(year, values[0]));
    }

    public static string Format(int year, int sequence) => $"INV-{year}-{sequence:D6}";
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MikroNet.Infrastructure.Persistence;
using Npgsql;
using NodaTime;

namespace MikroNet.Features.Billing;

/// <summary>
/// The tax of invoices, decided once, in the database function apply_invoice_tax (migration InvoiceLines): per
/// invoice, the taxable lines' sum × Billing:TaxRate (or, with Billing:PricesIncludeTax, the tax contained in them,
/// taken out of those lines), rounded once to the currency's minor unit, half away from zero; a tax line; net, tax
/// and total on the invoice. Every path that raises an invoice calls it after inserting the invoice's lines.
/// </summary>
public static class InvoiceTax
{
    public const string Sql = "SELECT * FROM apply_invoice_tax(@ids, @rate, @inclusive, @label, @minor_units, @now)";

    /// <summary>Plain CLR parameters, so the benchmark runs it the same on a bare connection.</summary>
    public static void AddParameters(NpgsqlCommand cmd, IReadOnlyCollection<int> invoiceIds, BillingOptions o, Instant now)
    {
        cmd.Parameters.AddWithValue("ids", invoiceIds.ToArray());
        cmd.Parameters.AddWithValue("rate", o.TaxRate);
        cmd.Parameters.AddWithValue("inclusive", o.PricesIncludeTax);
        cmd.Parameters.AddWithValue("label", o.TaxLabel);
        cmd.Parameters.AddWithValue("minor_units", o.MinorUnits);
        cmd.Parameters.AddWithValue("now", now.ToDateTimeUtc());
    }

    /// <summary>Taxes the invoices (already saved, in the current transaction); answers their new amounts.</summary>
    public static async Task<IReadOnlyDictionary<int, TaxedAmounts>> ApplyAsync(MikroNetDb db,
        IReadOnlyCollection<int> invoiceIds, BillingOptions o, Instant now, CancellationToken ct)
    {
        var result = new Dictionary<int, TaxedAmounts>();
        if (o.TaxRate == 0 || invoiceIds.Count == 0) return result;
        await using var cmd = (NpgsqlCommand)db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Tax is applied inside the transaction that raises the invoice.");
        cmd.CommandText = Sql;
        AddParameters(cmd, invoiceIds, o, now);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result[reader.GetInt32(0)] = new TaxedAmounts(reader.GetDecimal(1), reader.GetDecimal(2), reader.GetDecimal(3));
        return result;
    }
}

public sealed record TaxedAmounts(decimal Net, decimal Tax, decimal Total);

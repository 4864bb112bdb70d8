using MikroNet.Tests.Fixtures;
using Npgsql;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing.Tax;

/// <summary>
/// apply_invoice_tax over thousands of generated invoices, against the rule written out here in C#: per invoice,
/// tax = round(taxable × rate) (prices without tax) or round(taxable × rate / (1 + rate)) (prices with tax), half
/// away from zero to the currency's minor unit; the lines always sum to the total and net + tax = total.
/// </summary>
public sealed class TaxRuleTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const int InvoicesPerCase = 1_000;

    public static TheoryData<decimal, bool, int> Cases => new()
    {
        { 0.11m, false, 0 }, { 0.11m, true, 0 }, { 0.12m, false, 0 }, { 0.12m, true, 0 },
        { 0.075m, false, 2 }, { 0.075m, true, 2 }, { 0.2m, true, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ApplyTax_GeneratedInvoices_MatchesTheRuleToTheMinorUnit(decimal rate, bool inclusive, int minorUnits)
    {
        var client = await app.Api.AddClientAsync(await app.Api.AddRouterAsync(), planId: await app.Api.AddPlanAsync());
        var random = new Random(HashCode.Combine(rate, inclusive, minorUnits));
        var invoices = Enumerable.Range(0, InvoicesPerCase).Select(_ => GenerateLines(random)).ToList();

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var ids = await InsertAsync(connection, client, invoices);
        await using (var tax = new NpgsqlCommand(
            "SELECT count(*) FROM apply_invoice_tax(@ids, @rate, @inclusive, 'VAT', @minor, now())", connection))
        {
            tax.Parameters.AddWithValue("ids", ids);
            tax.Parameters.AddWithValue("rate", rate);
            tax.Parameters.AddWithValue("inclusive", inclusive);
            tax.Parameters.AddWithValue("minor", minorUnits);
            await tax.ExecuteScalarAsync();
        }

        var saved = await ReadAsync(connection, ids);
        for (var k = 0; k < ids.Length; k++)
        {
            var lines = invoices[k];
            var (net, taxAmount, total, savedLines) = saved[ids[k]];
            var taxable = lines.Where(l => l.Taxable).Sum(l => l.Amount);
            var expectedTax = Math.Round(inclusive ? taxable * rate / (1 + rate) : taxable * rate, minorUnits,
                MidpointRounding.AwayFromZero);
            var before = lines.Sum(l => l.Amount);
            var context = $"invoice {k}: {string.Join(", ", lines)}";

            taxAmount.ShouldBe(expectedTax, context);
            total.ShouldBe(inclusive ? before : before + expectedTax, context);
            net.ShouldBe(total - taxAmount, context);
            savedLines.Sum(l => l.Amount).ShouldBe(total, context);
            savedLines.Where(l => l.Kind == "tax").Sum(l => l.Amount).ShouldBe(expectedTax, context);
            savedLines.Count(l => l.Kind == "tax").ShouldBe(taxable > 0 ? 1 : 0, context);
            savedLines.Where(l => l.Kind != "tax" && !l.Taxable).Select(l => l.Amount)
                .ShouldBe(lines.Where(l => !l.Taxable).Select(l => l.Amount), context);
            savedLines.ShouldAllBe(l => l.Amount >= 0, context);
            savedLines.Where(l => l.Kind != "tax" && l.Taxable).Sum(l => l.Amount)
                .ShouldBe(inclusive ? taxable - expectedTax : taxable, context);
        }
    }

    private sealed record Line(decimal Amount, bool Taxable);

    private sealed record SavedLine(string Kind, decimal Amount, bool Taxable);

    /// <summary>One to five lines: whole rupiah, half rupiah (the rounding midpoints) and cents, taxable or not.</summary>
    private static List<Line> GenerateLines(Random random) =>
        [.. Enumerable.Range(0, random.Next(1, 6)).Select(_ => new Line(
            random.Next(3) switch
            {
                0 => random.Next(1, 5_000_000),
                1 => random.Next(1, 100_000) + 0.5m,
                _ => random.Next(100, 10_000_000) / 100m,
            },
            random.Next(4) != 0))];

    private static async Task<int[]> InsertAsync(NpgsqlConnection connection, int clientId, List<List<Line>> invoices)
    {
        await using var insert = new NpgsqlCommand("""
            WITH raised AS (
                INSERT INTO invoices (number, number_year, number_sequence, client_id, subscription_id, kind, invoice_date,
                                      due_date, net_amount, tax_amount, total_amount, amount_paid, status, created_at, updated_at)
                SELECT 'TAX-' || @client || '-' || k, 3000 + @client, k, @client,
                       (SELECT id FROM subscriptions WHERE client_id = @client), 'other', DATE '2026-11-25',
                       DATE '2026-12-04', t, 0, t, 0, 'pending', now(), now()
                FROM unnest(@totals) WITH ORDINALITY AS x(t, k)
                RETURNING id, number_sequence
            ),
            lines AS (
                INSERT INTO invoice_lines (invoice_id, position, kind, description, amount, taxable, created_at)
                SELECT r.id, 10 + l.p, 'charge', 'Line ' || l.p, l.a, l.tx, now()
                FROM unnest(@line_invoice, @line_position, @line_amount, @line_taxable) AS l(k, p, a, tx)
                JOIN raised r ON r.number_sequence = l.k
            )
            SELECT array_agg(id ORDER BY number_sequence) FROM raised
            """, connection);
        insert.Parameters.AddWithValue("client", clientId);
        insert.Parameters.AddWithValue("totals", invoices.Select(i => i.Sum(l => l.Amount)).ToArray());
        var flat = invoices.SelectMany((lines, k) => lines.Select((l, p) => (K: k + 1, P: p, l.Amount, l.Taxable))).ToList();
        insert.Parameters.AddWithValue("line_invoice", flat.Select(f => f.K).ToArray());
        insert.Parameters.AddWithValue("line_position", flat.Select(f => f.P).ToArray());
        insert.Parameters.AddWithValue("line_amount", flat.Select(f => f.Amount).ToArray());
        insert.Parameters.AddWithValue("line_taxable", flat.Select(f => f.Taxable).ToArray());
        return (int[])(await insert.ExecuteScalarAsync())!;
    }

    private static async Task<Dictionary<int, (decimal Net, decimal Tax, decimal Total, List<SavedLine> Lines)>> ReadAsync(
        NpgsqlConnection connection, int[] ids)
    {
        var result = ids.ToDictionary(id => id, _ => (Net: 0m, Tax: 0m, Total: 0m, Lines: new List<SavedLine>()));
        await using var read = new NpgsqlCommand("""
            SELECT i.id, i.net_amount, i.tax_amount, i.total_amount, l.kind, l.amount, l.taxable
            FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id
            WHERE i.id = ANY(@ids) ORDER BY i.id, l.position, l.id
            """, connection);
        read.Parameters.AddWithValue("ids", ids);
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var id = reader.GetInt32(0);
            var entry = result[id];
            entry.Lines.Add(new SavedLine(reader.GetString(4), reader.GetDecimal(5), reader.GetBoolean(6)));
            result[id] = (reader.GetDecimal(1), reader.GetDecimal(2), reader.GetDecimal(3), entry.Lines);
        }
        return result;
    }
}

using MikroNet.Features.Billing;
using MikroNet.Tests.Fixtures;
using Npgsql;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing;

/// <summary>
/// Period arithmetic and the invoice-number format exist twice: in C# (Periods, InvoiceNumbers, used for a first
/// period) and as database functions (used by generation). These tests prove the twins equal on the real
/// PostgreSQL, every case in one set-based round trip.
/// </summary>
public sealed class BillingRulesEquivalenceTests
{
    private static readonly int[] Years = [1999, 2000, 2023, 2024, 2027, 2028, 2099, 2100];
    private static readonly int[] PlanMonths = [1, 3, 6, 12];
    private const int MaxPeriodIndex = 120;

    /// <summary>Anchors on the 28th to the 31st of every month of leap and common years (2000 leap, 2100 not).</summary>
    private static IEnumerable<LocalDate> Anchors() =>
        from year in Years
        from month in Enumerable.Range(1, 12)
        from day in Enumerable.Range(28, 4)
        where day <= CalendarSystem.Iso.GetDaysInMonth(year, month)
        select new LocalDate(year, month, day);

    [Fact]
    public async Task PeriodFunctions_EveryAnchorPlanAndIndex_EqualPeriods()
    {
        var cases = (from anchor in Anchors() from months in PlanMonths
                     from index in Enumerable.Range(0, MaxPeriodIndex + 1)
                     select (Anchor: anchor, Months: months, Index: index)).ToList();
        cases.Count.ShouldBeGreaterThan(10_000);

        var fromSql = await QueryAsync("""
            SELECT billing_period_start(a, m, k), billing_period_end(a, m, k)
            FROM unnest(@a, @m, @k) WITH ORDINALITY AS t(a, m, k, n) ORDER BY n
            """,
            r => (LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(0)), LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(1))),
            ("a", cases.Select(c => c.Anchor.ToDateOnly()).ToArray()),
            ("m", cases.Select(c => c.Months).ToArray()),
            ("k", cases.Select(c => c.Index).ToArray()));

        var mismatches = cases.Zip(fromSql)
            .Where(p => p.Second != (Periods.Start(p.First.Anchor, p.First.Months, p.First.Index),
                                     Periods.End(p.First.Anchor, p.First.Months, p.First.Index)))
            .Take(5).ToList();
        fromSql.Count.ShouldBe(cases.Count);
        mismatches.ShouldBeEmpty();
    }

    [Fact]
    public async Task InvoiceNumberFunction_YearsAndSequences_EqualsFormat()
    {
        var random = new Random(20261126);
        int[] edges = [1, 9, 10, 99_999, 100_000, 999_999, 1_000_000, 9_999_999, 12_345_678, int.MaxValue];
        var cases = Enumerable.Range(0, 12_000)
            .Select(i => (Year: 1900 + random.Next(0, 8100),
                          Sequence: i < edges.Length ? edges[i] : random.Next(0, 4) switch
                          {
                              0 => random.Next(1, 1_000),
                              1 => random.Next(1, 1_000_000),
                              2 => random.Next(999_000, 2_000_000),
                              _ => random.Next(1, int.MaxValue),
                          }))
            .ToList();

        var fromSql = await QueryAsync("""
            SELECT invoice_number(y, s) FROM unnest(@y, @s) WITH ORDINALITY AS t(y, s, n) ORDER BY n
            """, r => r.GetString(0),
            ("y", cases.Select(c => c.Year).ToArray()), ("s", cases.Select(c => (long)c.Sequence).ToArray()));

        fromSql.ShouldBe(cases.Select(c => InvoiceNumbers.Format(c.Year, c.Sequence)).ToList());
    }

    private static async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read,
        params (string Name, object Values)[] arrays)
    {
        await using var conn = new NpgsqlConnection(await TestPostgres.CreateDatabaseAsync());
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, values) in arrays) cmd.Parameters.AddWithValue(name, values);
        var rows = new List<T>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }
}

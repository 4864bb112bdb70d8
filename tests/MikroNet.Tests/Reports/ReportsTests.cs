using System.Globalization;
using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Reports;

/// <summary>
/// Every report, in GraphQL and CSV, equals an independent computation (differently written SQL, or C# over raw
/// rows) on generated data.
/// </summary>
public sealed class ReportsTests(ReportFixture app) : IClassFixture<ReportFixture>
{
    private static readonly DateOnly Today = ReportSeed.Today;

    [Theory]
    [InlineData("2025-11-01", "2026-11-25")]
    [InlineData("2026-03-10", "2026-07-20")]
    public async Task RevenueByMonth_GeneratedData_EqualsIndependentSql(string from, string to)
    {
        var sums = (await app.SqlAsync("""
            SELECT to_char(payment_date, 'YYYY-MM'), count(*), sum(amount) FROM payments
            WHERE status = 'success' AND payment_date >= @from AND payment_date <= @to GROUP BY 1
            """, ("from", DateOnly.Parse(from)), ("to", DateOnly.Parse(to)))).ToDictionary(r => r[0]);
        var expected = new List<string[]>();
        for (var m = new DateOnly(DateOnly.Parse(from).Year, DateOnly.Parse(from).Month, 1); m <= DateOnly.Parse(to); m = m.AddMonths(1))
        {
            var key = m.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            expected.Add(sums.TryGetValue(key, out var s) ? [key, key, s[1], s[2]] : [key, key, "0", "0.00"]);
        }
        expected.Count.ShouldBeGreaterThan(4);

        await ShouldMatchAsync(expected, $"revenue(from: \"{from}\", to: \"{to}\", by: MONTH)", ["key", "label", "payments", "amount"],
            $"/reports/revenue.csv?from={from}&to={to}&by=month", ["key", "label", "payments", "amount"]);
    }

    [Fact]
    public async Task RevenueByMethodPlanRouter_GeneratedData_EqualsIndependentSql()
    {
        const string paid = "p.status = 'success' AND p.payment_date BETWEEN date '2026-01-01' AND date '2026-10-31'";
        var byMethod = await app.SqlAsync($"SELECT payment_method, payment_method, count(*), sum(amount) FROM payments p WHERE {paid} GROUP BY 1 ORDER BY 1");
        var byPlan = await app.SqlAsync($"""
            SELECT pl.id, pl.name, count(*), sum(p.amount) FROM payments p, invoices i, subscriptions s, plans pl
            WHERE p.invoice_id = i.id AND s.id = i.subscription_id AND pl.id = s.plan_id AND {paid}
            GROUP BY pl.id, pl.name ORDER BY pl.name, pl.id
            """);
        var byRouter = await app.SqlAsync($"""
            SELECT coalesce(r.id::text, ''), coalesce(r.name, 'none'), count(*), sum(p.amount)
            FROM payments p JOIN invoices i ON i.id = p.invoice_id JOIN clients c ON c.id = i.client_id
            LEFT JOIN routers r ON r.id = c.router_id WHERE {paid}
            GROUP BY r.id, r.name ORDER BY r.name NULLS LAST, r.id
            """);
        byMethod.Count.ShouldBe(5);
        byPlan.Count.ShouldBe(3);
        byRouter.Count.ShouldBe(3);

        foreach (var (by, expected) in new[] { ("METHOD", byMethod), ("PLAN", byPlan), ("ROUTER", byRouter) })
            await ShouldMatchAsync(expected, $"revenue(from: \"2026-01-01\", to: \"2026-10-31\", by: {by})",
                ["key", "label", "payments", "amount"],
                $"/reports/revenue.csv?from=2026-01-01&to=2026-10-31&by={by.ToLowerInvariant()}", ["key", "label", "payments", "amount"]);
    }

    [Fact]
    public async Task BilledVsCollected_GeneratedData_EqualsIndependentSql()
    {
        var billed = (await app.SqlAsync("""
            SELECT to_char(invoice_date, 'YYYY-MM'), count(*), sum(total_amount) FROM invoices
            WHERE status <> 'void' AND invoice_date BETWEEN date '2025-11-15' AND date '2026-11-25' GROUP BY 1
            """)).ToDictionary(r => r[0]);
        var collected = (await app.SqlAsync("""
            SELECT to_char(payment_date, 'YYYY-MM'), count(*), sum(amount) FROM payments
            WHERE status = 'success' AND payment_date BETWEEN date '2025-11-15' AND date '2026-11-25' GROUP BY 1
            """)).ToDictionary(r => r[0]);
        var expected = new List<string[]>();
        for (var m = new DateOnly(2025, 11, 1); m <= Today; m = m.AddMonths(1))
        {
            var key = m.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var b = billed.GetValueOrDefault(key) ?? [key, "0", "0.00"];
            var c = collected.GetValueOrDefault(key) ?? [key, "0", "0.00"];
            expected.Add([key, b[1], b[2], c[1], c[2]]);
        }

        await ShouldMatchAsync(expected, "billedVsCollected(from: \"2025-11-15\", to: \"2026-11-25\")",
            ["month", "invoices", "billed", "payments", "collected"],
            "/reports/billed-vs-collected.csv?from=2025-11-15&to=2026-11-25", ["month", "invoices", "billed", "payments", "collected"]);
    }

    [Theory]
    [InlineData("2026-11-25")]
    [InlineData("2026-06-15")]
    [InlineData("2026-02-01")]
    public async Task Aging_AsOfDate_EqualsBalancesFromPaymentsUpToThatDate(string asOf)
    {
        var open = await OpenInvoicesAsync(DateOnly.Parse(asOf));
        string[] names = ["not_due", "1_30", "31_60", "61_90", "over_90"];
        var expected = names.Select((name, bucket) =>
        {
            var mine = open.Where(i => Bucket(i.DaysPastDue) == bucket).ToList();
            return new[] { name, mine.Count.ToString(CultureInfo.InvariantCulture), ReportFixture.Cell(mine.Sum(i => i.Balance)) };
        }).ToList();
        expected.Sum(e => int.Parse(e[1], CultureInfo.InvariantCulture)).ShouldBeGreaterThan(10);

        await ShouldMatchAsync(expected, $"aging(asOf: \"{asOf}\")", ["bucket", "invoices", "openBalance"],
            $"/reports/aging.csv?as_of={asOf}",
            ["bucket", "label", "min_days_past_due", "max_days_past_due", "invoices", "open_balance"], [0, 4, 5]);
    }

    [Theory]
    [InlineData("2026-11-25")]
    [InlineData("2026-06-15")]
    public async Task Collections_AsOfDate_ListsEveryClientOwingWithOldestDueDate(string asOf)
    {
        var date = DateOnly.Parse(asOf);
        var open = await OpenInvoicesAsync(date);
        var clients = (await app.RawAsync("""
            SELECT c.id, c.name, c.phone_number, c.deleted_at IS NOT NULL, c.isolated_at IS NOT NULL, c.status, r.name
            FROM clients c LEFT JOIN routers r ON r.id = c.router_id
            """)).ToDictionary(r => (int)r[0]!);
        var expected = open.GroupBy(i => i.ClientId).Select(g =>
            {
                var c = clients[g.Key];
                var status = (bool)c[3]! ? "deleted" : (bool)c[4]! ? "isolated" : (string)c[5]! == "disabled" ? "disabled" : "active";
                var oldest = g.Min(i => i.DueDate);
                return (Oldest: oldest, Balance: g.Sum(i => i.Balance), Id: g.Key, Row: new[]
                {
                    g.Key.ToString(CultureInfo.InvariantCulture), (string)c[1]!, (string)c[2]!, status, (string?)c[6] ?? "",
                    ReportFixture.Cell(oldest), Math.Max(date.DayNumber - oldest.DayNumber, 0).ToString(CultureInfo.InvariantCulture),
                    g.Count().ToString(CultureInfo.InvariantCulture), ReportFixture.Cell(g.Sum(i => i.Balance)),
                });
            })
            .OrderBy(x => x.Oldest).ThenByDescending(x => x.Balance).ThenBy(x => x.Id).Select(x => x.Row).ToList();
        expected.Count.ShouldBeGreaterThan(10);
        expected.Select(r => r[3]).Distinct().Count().ShouldBeGreaterThan(2);

        string[] graphFields = ["clientId", "name", "phoneNumber", "status", "routerName", "oldestDueDate", "daysPastDue", "openInvoices", "openBalance"];
        Flat(ReportFixture.Rows((await app.GraphAsync($"collections(asOf: \"{asOf}\") {{ {string.Join(' ', graphFields)} }}"))
            .Lists!["collections"], graphFields)).ShouldBe(Flat(expected));
        var csv = await app.CsvAsync($"/reports/collections.csv?as_of={asOf}");
        csv[0].ShouldBe(["client_id", "name", "phone_number", "status", "router", "oldest_due_date", "days_past_due", "open_invoices", "open_balance"]);
        Flat(csv.Skip(1)).ShouldBe(Flat(expected.Select(r => r.Select((cell, i) => i == 1 && cell.StartsWith('=') ? "'" + cell : cell).ToArray())));
    }

    [Fact]
    public async Task ClientCounts_ByStatusPlanRouter_EqualIndependentCounts()
    {
        var states = (await app.SqlAsync("""
            SELECT count(*) FILTER (WHERE isolated_at IS NULL AND status = 'active'),
                   count(*) FILTER (WHERE isolated_at IS NULL AND status = 'disabled'), count(*) FILTER (WHERE isolated_at IS NOT NULL)
            FROM clients WHERE deleted_at IS NULL
            """)).Single();
        List<string[]> byStatus = [["active", "active", states[0]], ["disabled", "disabled", states[1]], ["isolated", "isolated", states[2]]];
        var byPlan = await app.SqlAsync("""
            SELECT coalesce(p.id::text, ''), coalesce(p.name, 'none'), count(*) FROM clients c LEFT JOIN plans p ON p.id = c.plan_id
            WHERE c.deleted_at IS NULL GROUP BY p.id, p.name ORDER BY p.name NULLS LAST, p.id
            """);
        var byRouter = await app.SqlAsync("""
            SELECT coalesce(r.id::text, ''), coalesce(r.name, 'none'), count(*) FROM clients c LEFT JOIN routers r ON r.id = c.router_id
            WHERE c.deleted_at IS NULL GROUP BY r.id, r.name ORDER BY r.name NULLS LAST, r.id
            """);

        foreach (var (by, expected) in new[] { ("STATUS", byStatus), ("PLAN", byPlan), ("ROUTER", byRouter) })
            await ShouldMatchAsync(expected, $"clients(by: {by})", ["key", "label", "clients"],
                $"/reports/clients.csv?by={by.ToLowerInvariant()}", ["key", "label", "clients"]);
    }

    [Fact]
    public async Task Mrr_ActiveRenewingClients_EqualsPlanPricesPerMonth()
    {
        var expected = await ExpectedMrrAsync();

        string[] fields = ["planId", "planName", "price", "periodMonths", "activeClients", "monthlyAmount"];
        var mrr = (await app.GraphAsync($"mrr {{ total activeClients plans {{ {string.Join(' ', fields)} }} }}")).Mrr!;
        Flat(ReportFixture.Rows(mrr.Plans!.Value, fields)).ShouldBe(Flat(expected));
        var csv = await app.CsvAsync("/reports/mrr.csv");
        csv[0].ShouldBe(["plan_id", "plan", "price", "period_months", "active_clients", "monthly_amount"]);
        Flat(csv.Skip(1)).ShouldBe(Flat(expected));
        mrr.Total.ShouldBe(expected.Sum(r => decimal.Parse(r[5], CultureInfo.InvariantCulture)));
        mrr.ActiveClients.ShouldBe(expected.Sum(r => long.Parse(r[4], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Summary_Today_EqualsIndependentFigures()
    {
        var open = await OpenInvoicesAsync(Today);
        var mrr = (await ExpectedMrrAsync()).Sum(r => decimal.Parse(r[5], CultureInfo.InvariantCulture));
        var collected = (decimal)(await app.RawAsync(
            "SELECT sum(amount) FROM payments WHERE status = 'success' AND payment_date >= @first AND payment_date <= @today",
            ("first", new DateOnly(Today.Year, Today.Month, 1)), ("today", Today))).Single()[0]!;
        var invoices = await app.RawAsync("SELECT i.client_id, i.status, i.due_date FROM invoices i JOIN clients c ON c.id = i.client_id WHERE c.deleted_at IS NULL");
        var overdue = invoices.Where(i => (string)i[1]! == "overdue"
                || ((string)i[1]! is "pending" or "partially_paid" && ((DateOnly)i[2]!).AddDays(ReportSeed.GraceDays) < Today))
            .Select(i => (int)i[0]!).Distinct().Count();
        var isolated = (long)(await app.RawAsync("SELECT count(*) FROM clients WHERE deleted_at IS NULL AND isolated_at IS NOT NULL")).Single()[0]!;
        var failing = (long)(await app.RawAsync("SELECT count(*) FROM router_commands WHERE status <> 'done' AND last_error IS NOT NULL")).Single()[0]!;

        var summary = (await app.GraphAsync(
            "summary { asOf currency mrr collectedThisMonth outstanding overdueClients isolatedClients failingRouterChanges }")).Summary!;

        summary.AsOf.ShouldBe("2026-11-25");
        summary.Currency.ShouldBe("IDR");
        summary.Mrr.ShouldBe(mrr);
        summary.CollectedThisMonth.ShouldBe(collected);
        summary.Outstanding.ShouldBe(open.Sum(i => i.Balance));
        summary.OverdueClients.ShouldBe(overdue);
        summary.IsolatedClients.ShouldBe(isolated);
        summary.FailingRouterChanges.ShouldBe(failing);
        (overdue > 0 && isolated > 0 && failing == 6 && collected > 0).ShouldBeTrue();
    }

    /// <summary>The GraphQL list and the CSV rows (header checked, columns picked) both equal the expected rows.</summary>
    private async Task ShouldMatchAsync(List<string[]> expected, string field, string[] graphFields, string csvUrl,
        string[] csvHeader, int[]? csvColumns = null)
    {
        var data = await app.GraphAsync($"{field} {{ {string.Join(' ', graphFields)} }}");
        Flat(ReportFixture.Rows(data.Lists![field.Split('(', ' ')[0]], graphFields)).ShouldBe(Flat(expected));

        var csv = await app.CsvAsync(csvUrl);
        csv[0].ShouldBe(csvHeader);
        Flat(csv.Skip(1).Select(r => csvColumns is null ? r : [.. csvColumns.Select(i => r[i])])).ShouldBe(Flat(expected));
    }

    private static List<string> Flat(IEnumerable<string[]> rows) => [.. rows.Select(r => string.Join(" | ", r))];

    private static int Bucket(int days) => days <= 0 ? 0 : days <= 30 ? 1 : days <= 60 ? 2 : days <= 90 ? 3 : 4;

    private sealed record OpenInvoice(int ClientId, DateOnly DueDate, int DaysPastDue, decimal Balance);

    /// <summary>Each invoice's balance on the date from the payments dated up to it (not from amount_paid).</summary>
    private async Task<List<OpenInvoice>> OpenInvoicesAsync(DateOnly asOf) =>
        [.. (await app.RawAsync("""
            SELECT i.client_id, i.due_date, i.total_amount - coalesce((SELECT sum(p.amount) FROM payments p
                WHERE p.invoice_id = i.id AND p.status = 'success' AND p.payment_date <= @as_of), 0)
            FROM invoices i WHERE i.status <> 'void' AND i.invoice_date <= @as_of
            """, ("as_of", asOf)))
            .Select(r => new OpenInvoice((int)r[0]!, (DateOnly)r[1]!, asOf.DayNumber - ((DateOnly)r[1]!).DayNumber, (decimal)r[2]!))
            .Where(i => i.Balance > 0)];

    private async Task<List<string[]>> ExpectedMrrAsync()
    {
        var plans = (await app.RawAsync("SELECT id, name, price, period_months FROM plans")).ToDictionary(p => (int)p[0]!);
        var clients = await app.RawAsync("SELECT plan_id FROM clients WHERE deleted_at IS NULL AND status = 'active' AND isolated_at IS NULL AND auto_renew AND plan_id IS NOT NULL");
        return [.. clients.GroupBy(c => (int)c[0]!).Select(g => plans[g.Key])
            .OrderBy(p => (string)p[1]!, StringComparer.Ordinal).ThenBy(p => (int)p[0]!)
            .Select(p =>
            {
                var count = clients.Count(c => (int)c[0]! == (int)p[0]!);
                var monthly = Math.Round(count * (decimal)p[2]! / (int)p[3]!, 2, MidpointRounding.AwayFromZero);
                return new[] { ReportFixture.Cell(p[0]), (string)p[1]!, ReportFixture.Cell(p[2]), ReportFixture.Cell(p[3]),
                    count.ToString(CultureInfo.InvariantCulture), ReportFixture.Cell(monthly) };
            })];
    }
}

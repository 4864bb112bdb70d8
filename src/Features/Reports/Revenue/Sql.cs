namespace MikroNet.Features.Reports.Revenue;

/// <summary>
/// Completed payments dated @from..@to. By month every month of the range is listed, with zeros where nothing
/// came in; the other groupings list only groups that received money. Plan is the plan of the period the invoice
/// bills (what the money paid for); router is the client's router now.
/// </summary>
public static class Sql
{
    public static string For(RevenueGrouping by) => by switch
    {
        RevenueGrouping.Month => ByMonth,
        RevenueGrouping.Method => ByMethod,
        RevenueGrouping.Plan => ByPlan,
        _ => ByRouter,
    };

    private const string Paid = "p.status = 'success' AND p.payment_date BETWEEN @from AND @to";

    private const string ByMonth = $"""
        WITH months AS (
            SELECT generate_series(date_trunc('month', @from::date), date_trunc('month', @to::date), interval '1 month')::date AS month),
        sums AS (
            SELECT date_trunc('month', p.payment_date)::date AS month, count(*) AS payments, sum(p.amount) AS amount
            FROM payments p WHERE {Paid} GROUP BY 1)
        SELECT to_char(m.month, 'YYYY-MM'), to_char(m.month, 'YYYY-MM'), coalesce(s.payments, 0), coalesce(s.amount, 0)
        FROM months m LEFT JOIN sums s USING (month)
        ORDER BY m.month
        """;

    private const string ByMethod = $"""
        SELECT p.payment_method, p.payment_method, count(*), sum(p.amount)
        FROM payments p WHERE {Paid}
        GROUP BY p.payment_method ORDER BY p.payment_method
        """;

    private const string ByPlan = $"""
        WITH sums AS (
            SELECT s.plan_id, count(*) AS payments, sum(p.amount) AS amount
            FROM payments p JOIN invoices i ON i.id = p.invoice_id JOIN subscriptions s ON s.id = i.subscription_id
            WHERE {Paid} GROUP BY s.plan_id)
        SELECT x.plan_id::text, pl.name, x.payments, x.amount
        FROM sums x JOIN plans pl ON pl.id = x.plan_id
        ORDER BY pl.name, x.plan_id
        """;

    private const string ByRouter = $"""
        WITH per_client AS (
            SELECT i.client_id, count(*) AS payments, sum(p.amount) AS amount
            FROM payments p JOIN invoices i ON i.id = p.invoice_id
            WHERE {Paid} GROUP BY i.client_id),
        sums AS (
            SELECT c.router_id, sum(x.payments) AS payments, sum(x.amount) AS amount
            FROM per_client x JOIN clients c ON c.id = x.client_id GROUP BY c.router_id)
        SELECT coalesce(x.router_id::text, ''), coalesce(r.name, 'none'), x.payments::bigint, x.amount
        FROM sums x LEFT JOIN routers r ON r.id = x.router_id
        ORDER BY r.name NULLS LAST, x.router_id
        """;
}

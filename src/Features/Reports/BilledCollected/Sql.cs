namespace MikroNet.Features.Reports.BilledCollected;

public static class Sql
{
    /// <summary>Every month of @from..@to, zeros included; the first and last month count only days in the range.</summary>
    public const string Monthly = """
        WITH months AS (
            SELECT generate_series(date_trunc('month', @from::date), date_trunc('month', @to::date), interval '1 month')::date AS month),
        billed AS (
            SELECT date_trunc('month', invoice_date)::date AS month, count(*) AS invoices, sum(total_amount) AS amount
            FROM invoices WHERE status <> 'void' AND invoice_date BETWEEN @from AND @to GROUP BY 1),
        collected AS (
            SELECT date_trunc('month', payment_date)::date AS month, count(*) AS payments, sum(amount) AS amount
            FROM payments WHERE status = 'success' AND payment_date BETWEEN @from AND @to GROUP BY 1)
        SELECT to_char(m.month, 'YYYY-MM'), coalesce(b.invoices, 0), coalesce(b.amount, 0),
               coalesce(c.payments, 0), coalesce(c.amount, 0)
        FROM months m LEFT JOIN billed b USING (month) LEFT JOIN collected c USING (month)
        ORDER BY m.month
        """;
}

namespace MikroNet.Features.Reports.Aging;

public static class Sql
{
    public const string Buckets = $"""
        WITH {OpenInvoicesSql.Cte},
        buckets (ord, bucket, label, min_days, max_days) AS (VALUES
            (0, 'not_due', 'Not yet due', NULL::int, 0), (1, '1_30', '1–30 days', 1, 30),
            (2, '31_60', '31–60 days', 31, 60), (3, '61_90', '61–90 days', 61, 90), (4, 'over_90', 'Over 90 days', 91, NULL::int)),
        sums AS (
            SELECT CASE WHEN @as_of - due_date <= 0 THEN 0 WHEN @as_of - due_date <= 30 THEN 1
                        WHEN @as_of - due_date <= 60 THEN 2 WHEN @as_of - due_date <= 90 THEN 3 ELSE 4 END AS ord,
                   count(*) AS invoices, sum(balance) AS balance
            FROM open_invoices WHERE balance > 0 GROUP BY 1)
        SELECT b.bucket, b.label, b.min_days, b.max_days, coalesce(s.invoices, 0), coalesce(s.balance, 0)
        FROM buckets b LEFT JOIN sums s USING (ord)
        ORDER BY b.ord
        """;
}

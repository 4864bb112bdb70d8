namespace MikroNet.Features.Reports;

/// <summary>
/// The invoices open as of a date, shared by aging and collections so that their totals agree. An invoice was open
/// on @as_of when it had been raised by then, is not void, and its total exceeded the completed payments dated up to
/// @as_of. amount_paid holds all completed payments, so the balance then is today's balance plus the payments dated
/// after @as_of; only invoices open today or paid after @as_of can qualify, which keeps both branches on indexes.
/// </summary>
public static class OpenInvoicesSql
{
    public const string Cte = """
        later AS (
            SELECT invoice_id, sum(amount) AS amount
            FROM payments
            WHERE status = 'success' AND payment_date > @as_of
            GROUP BY invoice_id),
        open_invoices AS (
            SELECT i.id, i.client_id, i.due_date, i.total_amount - i.amount_paid + coalesce(l.amount, 0) AS balance
            FROM invoices i LEFT JOIN later l ON l.invoice_id = i.id
            WHERE i.status IN ('pending', 'partially_paid', 'overdue') AND i.invoice_date <= @as_of
            UNION ALL
            SELECT i.id, i.client_id, i.due_date, i.total_amount - i.amount_paid + l.amount
            FROM later l JOIN invoices i ON i.id = l.invoice_id
            WHERE i.status = 'paid' AND i.invoice_date <= @as_of)
        """;

    /// <summary>What a frontend shows for a client; deleted clients still owe what they owed.</summary>
    public const string ClientState = """
        CASE WHEN c.deleted_at IS NOT NULL THEN 'deleted' WHEN c.isolated_at IS NOT NULL THEN 'isolated'
             WHEN c.status = 'disabled' THEN 'disabled' ELSE 'active' END
        """;
}

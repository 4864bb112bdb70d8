namespace MikroNet.GraphBench;

/// <summary>
/// The same tree as <see cref="Program.Query"/>, built by PostgreSQL itself in one statement: each level is
/// aggregated once with json_agg … GROUP BY and joined to its parent (faster here than correlated subqueries).
/// </summary>
internal static class HandWrittenSql
{
    public const string Tree = """
        WITH c AS (
          SELECT id, name, phone_number, status, isolated_at FROM clients WHERE deleted_at IS NULL ORDER BY id LIMIT @first),
        p AS (
          SELECT p.invoice_id, json_agg(json_build_object('paymentId', p.id, 'amount', p.amount, 'paymentDate', p.payment_date,
                   'paymentMethod', upper(p.payment_method), 'paymentStatus', upper(p.status), 'reference', p.reference)
                   ORDER BY p.payment_date, p.id) AS payments
          FROM payments p JOIN invoices i ON i.id = p.invoice_id JOIN c ON c.id = i.client_id
          GROUP BY p.invoice_id),
        i AS (
          SELECT i.subscription_id, json_agg(json_build_object('invoiceId', i.id, 'number', i.number,
                   'invoiceDate', i.invoice_date, 'dueDate', i.due_date, 'totalAmount', i.total_amount,
                   'amountPaid', i.amount_paid, 'invoiceStatus', upper(i.status), 'payments', coalesce(p.payments, '[]'::json))
                   ORDER BY i.invoice_date, i.id) AS invoices
          FROM invoices i JOIN c ON c.id = i.client_id LEFT JOIN p ON p.invoice_id = i.id
          GROUP BY i.subscription_id),
        s AS (
          SELECT s.client_id, json_agg(json_build_object('subscriptionId', s.id, 'startDate', s.start_date,
                   'endDate', s.end_date, 'status', upper(s.status), 'invoices', coalesce(i.invoices, '[]'::json))
                   ORDER BY s.start_date, s.id) AS subscriptions
          FROM subscriptions s JOIN c ON c.id = s.client_id LEFT JOIN i ON i.subscription_id = s.id
          GROUP BY s.client_id)
        SELECT json_build_object('data', json_build_object('clients', json_build_object('nodes', coalesce(json_agg(
                 json_build_object('clientId', c.id, 'name', c.name, 'phoneNumber', c.phone_number,
                   'status', CASE WHEN c.isolated_at IS NOT NULL THEN 'ISOLATED' WHEN c.status = 'disabled' THEN 'DISABLED' ELSE 'ACTIVE' END,
                   'subscriptions', coalesce(s.subscriptions, '[]'::json))
                 ORDER BY c.id), '[]'::json))))::text
        FROM c LEFT JOIN s ON s.client_id = c.id
        """;
}

using MikroNet.Features.Common;

namespace MikroNet.Features.Clients.ClientDetails;

/// <summary>
/// The whole details answer built by PostgreSQL in one statement, as UTF-8: the host sends it as the body, without
/// the spaces PostgreSQL puts between tokens (<see cref="PostgresJson"/>).
/// It must equal, as JSON, the serialized <see cref="Response"/> records (the documented shape):
/// ClientDetailsTests holds the two together on a client that has every kind of row. Money columns are numeric(14,2),
/// so PostgreSQL writes two decimals as the REST API does; statuses are stored in their snake_case JSON spelling.
/// </summary>
public static class Sql
{
    public static readonly string Details = $"""
        SELECT convert_to(json_build_object('message', 'Client details retrieved successfully', 'data', json_build_object(
          'client', {ClientJson.Of("c")},
          'subscriptions', coalesce((
            SELECT json_agg(json_build_object('subscription_id', s.id, 'plan_id', s.plan_id, 'start_date', s.start_date,
              'end_date', s.end_date, 'price', s.price, 'status', s.status, 'invoices', coalesce((
                SELECT json_agg(json_build_object('invoice_id', i.id, 'number', i.number, 'invoice_date', i.invoice_date,
                  'due_date', i.due_date, 'net_amount', i.net_amount, 'tax_amount', i.tax_amount,
                  'total_amount', i.total_amount, 'amount_paid', i.amount_paid, 'balance', i.total_amount - i.amount_paid,
                  'invoice_status', i.status,
                  'lines', coalesce((
                    SELECT json_agg(json_build_object('kind', l.kind, 'description', l.description, 'amount', l.amount,
                      'taxable', l.taxable) ORDER BY l.position, l.id)
                    FROM invoice_lines l WHERE l.invoice_id = i.id), '[]'),
                  'payments', coalesce((
                    SELECT json_agg(json_build_object('payment_id', p.id, 'amount', p.amount, 'payment_status', p.status,
                      'payment_date', p.payment_date,
                      'payment_method', CASE WHEN p.gateway IS NULL THEN p.payment_method
                                             ELSE p.gateway || ':' || coalesce(p.gateway_method, '') END,
                      'reference', p.reference) ORDER BY p.id)
                    FROM payments p WHERE p.invoice_id = i.id), '[]'),
                  'payment_links', coalesce((
                    SELECT json_agg(json_build_object('gateway', k.gateway, 'url', k.url, 'external_id', k.external_id,
                      'amount', k.amount, 'status', k.status, 'expires_at', {PostgresJson.Instant("k.expires_at")}) ORDER BY k.id)
                    FROM payment_links k WHERE k.invoice_id = i.id), '[]'),
                  'credit_notes', coalesce((
                    SELECT json_agg(json_build_object('credit_note_id', n.id, 'number', n.number, 'invoice_id', n.invoice_id,
                      'client_id', n.client_id, 'amount', n.amount, 'applied_to_invoice', n.applied_to_invoice,
                      'to_client_credit', n.to_client_credit, 'reason', n.reason,
                      'created_at', {PostgresJson.Instant("n.created_at")}) ORDER BY n.id)
                    FROM credit_notes n WHERE n.invoice_id = i.id), '[]')) ORDER BY i.id)
                FROM invoices i WHERE i.subscription_id = s.id), '[]')) ORDER BY s.start_date, s.id)
            FROM subscriptions s WHERE s.client_id = c.id), '[]')))::text, 'UTF8')
        FROM clients c
        WHERE c.id = $1 AND c.deleted_at IS NULL
        """;
}

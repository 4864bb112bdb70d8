-- The REST details answer for one client in one statement: PostgreSQL builds the whole JSON tree.
\set id random(1, :clients)
SELECT json_build_object(
  'client', json_build_object('client_id', c.id, 'name', c.name, 'phone_number', c.phone_number,
    'address', c.address, 'ppp_secret_name', c.ppp_secret_name, 'router_id', c.router_id, 'plan_id', c.plan_id,
    'status', CASE WHEN c.isolated_at IS NOT NULL THEN 'isolated' ELSE c.status END, 'auto_renew', c.auto_renew,
    'provisioning', json_build_object('state', c.provisioning_state, 'last_error', c.provisioning_error),
    'created_at', c.created_at, 'updated_at', c.updated_at),
  'subscriptions', coalesce((
    SELECT json_agg(json_build_object('subscription_id', s.id, 'plan_id', s.plan_id, 'start_date', s.start_date,
      'end_date', s.end_date, 'price', s.price, 'status', s.status,
      'invoices', coalesce((
        SELECT json_agg(json_build_object('invoice_id', i.id, 'number', i.number, 'invoice_date', i.invoice_date,
          'due_date', i.due_date, 'total_amount', i.total_amount, 'amount_paid', i.amount_paid,
          'balance', i.total_amount - i.amount_paid, 'invoice_status', i.status,
          'payments', coalesce((
            SELECT json_agg(json_build_object('payment_id', p.id, 'amount', p.amount, 'payment_status', p.status,
              'payment_date', p.payment_date, 'payment_method', p.payment_method, 'reference', p.reference) ORDER BY p.id)
            FROM payments p WHERE p.invoice_id = i.id), '[]'::json)) ORDER BY i.id)
        FROM invoices i WHERE i.subscription_id = s.id), '[]'::json)) ORDER BY s.start_date)
    FROM subscriptions s WHERE s.client_id = c.id), '[]'::json))::text
FROM clients c WHERE c.id = :id AND c.deleted_at IS NULL;
